namespace SimGan.Fuzz.Tests;

/// <summary>
/// Every input the fuzzer was started from or once crashed a parser with runs again here, through the same target
/// afl-fuzz drives: each must be accepted or refused with the parser's own error, within a time limit.
/// </summary>
public class CorpusRegressionTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Corpus.Targets), MemberType = typeof(Corpus))]
    public async Task Every_kept_input_is_accepted_or_refused_cleanly(string name)
    {
        string[] files = Corpus.Files(name);
        Assert.True(files.Length > 0, $"fuzz/corpus/{name} is empty: bench/fuzz.sh would have nothing to start from");
        using var target = FuzzTargets.Create(name);
        var problems = new List<string>();
        foreach (string file in files)
        {
            byte[] input = await File.ReadAllBytesAsync(file);
            var run = Task.Run(() => target.Run(input));
            if (await Task.WhenAny(run, Task.Delay(Limit)) != run)
            {
                problems.Add($"{Path.GetFileName(file)}: still running after {Limit.TotalSeconds} s");
                break;
            }
            if (run.Exception?.InnerException is { } error)
                problems.Add($"{Path.GetFileName(file)}: {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Corpus.Targets), MemberType = typeof(Corpus))]
    public void Seeds_are_accepted_so_mutations_start_deep_in_the_parser(string name)
    {
        using var target = FuzzTargets.Create(name);
        string[] seeds = Corpus.Files(name, "seed-");
        Assert.NotEmpty(seeds);
        foreach (string seed in seeds)
            Assert.True(target.Run(File.ReadAllBytes(seed)) == FuzzOutcome.Accepted, $"{Path.GetFileName(seed)}: {target.Describe(File.ReadAllBytes(seed))}");
    }

    [Theory]
    [MemberData(nameof(Corpus.Targets), MemberType = typeof(Corpus))]
    public void The_kept_seeds_are_the_ones_the_target_makes_today(string name)
    {
        // A format change that the seeds do not follow would leave the fuzzer mutating inputs that fail at once.
        using var target = FuzzTargets.Create(name);
        var made = target.Seeds().ToDictionary(s => "seed-" + s.Name, s => s.Bytes);
        var kept = Corpus.Files(name, "seed-").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(made.Keys.Order(StringComparer.Ordinal), kept.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in made)
            Assert.True(bytes.AsSpan().SequenceEqual(kept[file]), $"fuzz/corpus/{name}/{file} differs from what the target makes; rerun `dotnet fuzz/SimGan.Fuzz/bin/Release/net10.0/SimGan.Fuzz.dll seeds fuzz/corpus`");
    }

    [Fact]
    public void Unknown_targets_are_refused_with_the_list()
    {
        var error = Assert.Throws<ArgumentException>(() => FuzzTargets.Create("nope"));
        Assert.Contains("checkpoint", error.Message);
    }
}
