using SimGan.Fuzz;

// simgan-fuzz: the fuzz targets of SimGanCluster's outside-input parsers, for AFL++ through SharpFuzz (bench/fuzz.sh)
// and for replaying kept inputs.
const string Usage = """
usage: SimGan.Fuzz afl TARGET           run under afl-fuzz (bench/fuzz.sh sets it up)
       SimGan.Fuzz replay TARGET PATH…  run files or folders of inputs, one line each; exit 1 on a crash
       SimGan.Fuzz seeds FOLDER         write each target's seed inputs to FOLDER/TARGET/
       SimGan.Fuzz list                 the targets and what each parses
""";

try
{
    switch (args)
    {
        case ["afl", var name]:
        {
            if (!FuzzTargets.Names.Contains(name)) throw new ArgumentException($"no fuzz target '{name}'");
            FuzzTarget? target = null;
            // In-process (persistent) mode: one process runs every input, which is what makes .NET fuzzing fast
            // enough; an escaping exception is reported to afl-fuzz as a crash. Targets that can hang run out of
            // process instead (see FuzzTargets.CanHang). The target is made inside the first run because instrumented
            // code may only execute once SharpFuzz has mapped afl-fuzz's coverage memory.
            void RunOne(Stream stream)
            {
                target ??= FuzzTargets.Create(name, underAfl: true);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                target.Run(copy.ToArray());
            }
            if (FuzzTargets.CanHang(name)) SharpFuzz.Fuzzer.OutOfProcess.Run(RunOne);
            else SharpFuzz.Fuzzer.Run(RunOne);
            target?.Dispose();
            return 0;
        }
        case ["replay", var name, .. var paths] when paths.Length > 0:
            return Replay(name, paths);
        case ["seeds", var folder]:
            foreach (string name in FuzzTargets.Names)
            {
                using var target = FuzzTargets.Create(name);
                string dir = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
                foreach (var (seed, bytes) in target.Seeds()) File.WriteAllBytes(Path.Combine(dir, "seed-" + seed), bytes);
            }
            return 0;
        case ["list"]:
            foreach (string name in FuzzTargets.Names)
            {
                using var target = FuzzTargets.Create(name);
                Console.WriteLine($"{name,-12} {target.Parser}");
            }
            return 0;
        default:
            Console.Error.Write(Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"simgan-fuzz: {e.Message}");
    return 2;
}

static int Replay(string name, string[] paths)
{
    using var target = FuzzTargets.Create(name);
    var files = Enumerable.SelectMany<string, string>(paths, p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : new[] { p });
    int crashes = 0;
    foreach (string file in files)
    {
        try
        {
            Console.WriteLine($"{file}: {target.Describe(File.ReadAllBytes(file))}");
        }
        catch (Exception e)
        {
            crashes++;
            Console.WriteLine($"{file}: CRASH {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            Console.WriteLine(e.StackTrace);
        }
    }
    return crashes == 0 ? 0 : 1;
}
