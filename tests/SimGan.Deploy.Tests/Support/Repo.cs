namespace SimGan.Deploy.Tests.Support;

/// <summary>Paths into the repository the tests were built from.</summary>
public static class Repo
{
    static readonly Lazy<string> root = new(FindRoot);

    /// <summary>The folder holding SimGanCluster.sln, found by walking up from the test assembly.</summary>
    public static string Root => root.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Relative(string absolute) => Path.GetRelativePath(Root, absolute).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Reads a repository file, failing with a message that names it when it is missing.</summary>
    public static string ReadRequired(string relative, string whyItShouldExist)
    {
        string path = PathOf(relative);
        if (!File.Exists(path))
            Assert.Fail($"{relative} does not exist. {whyItShouldExist}");
        return File.ReadAllText(path);
    }

    /// <summary>Points the tests at another checkout (used to try them against deliberately broken copies).</summary>
    public const string RootOverride = "DEPLOY_TESTS_REPO_ROOT";

    static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable(RootOverride) is { Length: > 0 } overridden)
            return File.Exists(Path.Combine(overridden, "SimGanCluster.sln"))
                ? overridden
                : throw new InvalidOperationException($"{RootOverride}={overridden} holds no SimGanCluster.sln");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SimGanCluster.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no SimGanCluster.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>Collects every problem a test finds, so that one run reports all of them.</summary>
public sealed class Problems
{
    readonly List<string> items = [];

    public void Add(string problem) => items.Add(problem);

    public void Check(bool ok, string problem)
    {
        if (!ok) items.Add(problem);
    }

    public void AssertNone(string what)
    {
        if (items.Count > 0)
            Assert.Fail($"{what}:\n  - " + string.Join("\n  - ", items));
    }
}
