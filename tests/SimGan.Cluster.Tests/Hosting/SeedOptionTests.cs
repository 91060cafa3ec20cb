using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Processes;

namespace SimGan.Cluster.Tests.Hosting;

/// <summary>A malformed --seeds is a user error: one line, exit 2, and no half-made run left behind.</summary>
public sealed class SeedOptionTests : IDisposable
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    readonly string root = SimganProcess.Temp();

    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("no-port-here")]
    public void A_worker_with_a_malformed_seed_says_so_in_one_line_and_exits_2(string seed)
    {
        var (exit, output) = SimganChild.Run(Limit, ["node", "--roles", "discriminator", "--seeds", seed]);

        Assert.True(exit == 2, output);
        Assert.Contains($"simgan: --seeds '{seed}': expected HOST:PORT", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public void A_driver_with_a_malformed_seed_exits_2_and_leaves_no_run_to_resume()
    {
        var run = Path.Combine(root, "run");
        var (exit, output) = SimganChild.Run(Limit, [.. TinyTraining.Args(20), "--out", run, "--seeds", "127.0.0.1:0", "--admin-port", "0", "--quiet"]);

        Assert.True(exit == 2, output);
        Assert.Contains("simgan: --seeds '127.0.0.1:0': expected HOST:PORT", output);
        Assert.False(File.Exists(Path.Combine(run, "config.json")), "a run that never started was saved");
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
