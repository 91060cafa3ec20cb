namespace SimGan.Fuzz.Tests;

/// <summary>The kept fuzz inputs in fuzz/corpus: seeds (seed-*) and the inputs that once crashed a parser (crash-*).</summary>
static class Corpus
{
    static readonly Lazy<string> root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SimGanCluster.sln")))
                return Path.Combine(dir.FullName, "fuzz", "corpus");
        throw new InvalidOperationException($"no SimGanCluster.sln above {AppContext.BaseDirectory}");
    });

    public static string Folder(string target) => Path.Combine(root.Value, target);

    public static string[] Files(string target, string prefix = "") =>
        Directory.Exists(Folder(target))
            ? Directory.GetFiles(Folder(target), prefix + "*").Order(StringComparer.Ordinal).ToArray()
            : [];

    public static TheoryData<string> Targets => new(FuzzTargets.Names);
}
