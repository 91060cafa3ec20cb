using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Faults;

namespace SimGan.Cluster.Tests.Equivalence;

/// <summary>The D step is a sum of fixed slices in slice order, so where the slices are computed cannot change a bit.</summary>
[Collection(RealClusterRuns.Name)]
public sealed class EnginesAgreeTests(ReferenceRuns reference) : IDisposable
{
    readonly string root = SimganProcess.Temp();

    [Fact]
    public void Local_single_node_and_driver_with_two_workers_write_identical_checkpoints()
    {
        var expected = reference.CheckpointAt(40);

        var single = Path.Combine(root, "single");
        var result = SimganProcess.Run(RealClusterRuns.RunTimeout,
            ["train", .. RealClusterRuns.Tiny(40), "--d-slices", "2", "--admin-port", "0", "--out", single]);
        Assert.True(result.ExitCode == 0, result.ToString());
        RealClusterRuns.AssertSameFile(expected, RealClusterRuns.Checkpoint(single, 40), "single-node cluster, --d-slices 2");

        var multi = Path.Combine(root, "multi");
        int port = SimganChild.FreePort();
        using var driver = RealClusterRuns.StartDriver(multi, port, 40, discriminators: 2);
        using var a = RealClusterRuns.StartWorker("worker A", port);
        using var b = RealClusterRuns.StartWorker("worker B", port);
        Assert.True(driver.WaitForExit(RealClusterRuns.RunTimeout) == 0, driver.Describe());
        RealClusterRuns.AssertSameFile(expected, RealClusterRuns.Checkpoint(multi, 40), "driver + 2 discriminator workers");
        // Both workers took part (each loads D the first time it is handed a slice).
        a.WaitForOutput("received D weights", TimeSpan.FromSeconds(5));
        b.WaitForOutput("received D weights", TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
