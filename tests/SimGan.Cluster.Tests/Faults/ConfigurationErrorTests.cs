using System.Diagnostics;
using SimGan.Cli.Tests;
using static SimGan.Cluster.Tests.Faults.RealClusterRuns;

namespace SimGan.Cluster.Tests.Faults;

/// <summary>A node that cannot start says why in one line and exits 2, in seconds, instead of hanging.</summary>
[Collection(RealClusterRuns.Name)]
public sealed class ConfigurationErrorTests : IDisposable
{
    readonly string root = SimganProcess.Temp();

    static void AssertUserError(params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = SimganProcess.Run(TimeSpan.FromSeconds(30), args);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(result.ExitCode == 2, result.ToString());
        // Logs may come first (a node logs INFO unless told otherwise), but the error is one line, the last, with no trace.
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("simgan:", StringComparison.Ordinal), result.ToString());
        Assert.True(lines.Count(l => l.StartsWith("simgan:", StringComparison.Ordinal)) == 1, result.ToString());
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Unknown_role() => AssertUserError("node", "--roles", "painter", "--port", "0");

    [Fact]
    public void Unreachable_seed() =>
        AssertUserError("node", "--port", SimganChild.FreePort().ToString(), "--seeds", $"127.0.0.1:{SimganChild.FreePort()}",
                        "--set", "simgan.join-timeout=3s");

    [Fact]
    public void Unreachable_postgres() =>
        AssertUserError(["train", .. Tiny(40), "--admin-port", "0", "--out", Path.Combine(root, "pg"),
                         "--persistence", $"postgres:Host=127.0.0.1;Port={SimganChild.FreePort()};Username=simgan;Password=x;Database=simgan;Timeout=3"]);

    [Fact]
    public void Unknown_store_kind() =>
        AssertUserError(["train", .. Tiny(40), "--admin-port", "0", "--out", Path.Combine(root, "foo"), "--persistence", "foo:bar"]);

    [Theory]
    [InlineData("garbage")]
    [InlineData("=3s")]
    [InlineData("akka.loglevel=nonsense")]
    public void Unparsable_set(string assignment) =>
        AssertUserError(["train", .. Tiny(40), "--admin-port", "0", "--out", Path.Combine(root, "set-" + assignment.Length), "--set", assignment]);

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
