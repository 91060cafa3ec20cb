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

    [Fact]
    public void A_node_with_two_devices_runs_two_slice_workers_and_writes_the_same_checkpoint()
    {
        var run = Path.Combine(root, "two-devices");
        var result = SimganProcess.Run(RealClusterRuns.RunTimeout,
            ["train", .. RealClusterRuns.Tiny(40), "--d-slices", "2", "--workers", "2", "--devices", "cpu,cpu", "--admin-port", "0", "--verbose", "--out", run]);
        Assert.True(result.ExitCode == 0, result.ToString());
        RealClusterRuns.AssertSameFile(reference.CheckpointAt(40), RealClusterRuns.Checkpoint(run, 40), "one node, --devices cpu,cpu");
        Assert.Contains("(2 up)", result.Stdout + result.Stderr); // --workers 2 waited for both of this node's workers
    }

    [Fact]
    public void Under_bf16_the_local_engine_and_a_single_node_cluster_write_identical_checkpoints_unlike_fp32()
    {
        string Train(string name, params string[] extra)
        {
            var run = Path.Combine(root, name);
            var result = SimganProcess.Run(RealClusterRuns.RunTimeout, ["train", .. RealClusterRuns.Tiny(20), "--d-slices", "2", .. extra, "--out", run]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return run;
        }
        var local = Train("local-bf16", "--engine", "local", "--precision", "bf16");
        var single = Train("single-bf16", "--precision", "bf16", "--admin-port", "0");
        RealClusterRuns.AssertSameFile(RealClusterRuns.Checkpoint(local, 20), RealClusterRuns.Checkpoint(single, 20), "single-node cluster, --precision bf16");
        // bf16 really computed the passes: the exported weights (weights only, no options) differ from fp32's.
        var fp32 = Train("local-fp32", "--engine", "local");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(fp32, "refiner.safetensors")), File.ReadAllBytes(Path.Combine(local, "refiner.safetensors")));
    }

    [Fact]
    public void Under_fp16_with_loss_scaling_the_local_engine_and_a_single_node_cluster_write_identical_checkpoints()
    {
        // The loss scale travels with every slice task and lives in the checkpoint's schedule.
        string Train(string name, params string[] extra)
        {
            var run = Path.Combine(root, name);
            var result = SimganProcess.Run(RealClusterRuns.RunTimeout, ["train", .. RealClusterRuns.Tiny(20), "--d-slices", "2", "--precision", "fp16", .. extra, "--out", run]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return run;
        }
        var local = Train("local-fp16", "--engine", "local");
        var single = Train("single-fp16", "--admin-port", "0");
        RealClusterRuns.AssertSameFile(RealClusterRuns.Checkpoint(local, 20), RealClusterRuns.Checkpoint(single, 20), "single-node cluster, --precision fp16");
        Assert.Contains("\"loss_scale\":65536", File.ReadAllText(Path.Combine(single, "metrics.jsonl")));
    }

    [Fact]
    public void With_refiner_noise_the_local_engine_and_a_single_node_cluster_write_identical_checkpoints()
    {
        // The noise is drawn from each image's bits, so the cluster's slices (R's and D's) draw what the local
        // trainer draws, and the refiner that comes out takes the noise as input.
        string Train(string name, params string[] extra)
        {
            var run = Path.Combine(root, name);
            var result = SimganProcess.Run(RealClusterRuns.RunTimeout,
                ["train", .. RealClusterRuns.Tiny(20), "--d-slices", "2", "--refiner-noise", "1", .. extra, "--out", run]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return run;
        }
        var local = Train("local-noise", "--engine", "local");
        var single = Train("single-noise", "--admin-port", "0");
        RealClusterRuns.AssertSameFile(RealClusterRuns.Checkpoint(local, 20), RealClusterRuns.Checkpoint(single, 20), "single-node cluster, --refiner-noise 1");
        var (tensors, meta) = SimGan.Core.Export.SafetensorsFile.Read(Path.Combine(local, "refiner.safetensors"));
        foreach (var t in tensors.Values) t.Dispose();
        Assert.Equal("1", meta["noise_channels"]);
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
