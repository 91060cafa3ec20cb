using SimGan.Cli.Tests;
using static SimGan.Cluster.Tests.Faults.RealClusterRuns;

namespace SimGan.Cluster.Tests.Faults;

/// <summary>
/// Real driver and worker processes on 127.0.0.1 are killed, stopped and added mid-run; every run must still end
/// with the checkpoint an uninterrupted run writes, byte for byte.
/// </summary>
[Collection(RealClusterRuns.Name)]
public sealed class ProcessFaultTests(ReferenceRuns reference) : IDisposable
{
    readonly string root = SimganProcess.Temp();

    static readonly TimeSpan MidRun = TimeSpan.FromSeconds(120);

    string Run(string name) => Path.Combine(root, name);

    /// <summary>Waits until the driver has stored its first snapshot, and checks that the run is not over yet.</summary>
    static void WaitForMidRunSnapshot(SimganChild driver, string run, int finalStep)
    {
        driver.WaitUntil(() => NewestSnapshot(run) is not null, "the first snapshot in cluster.db", MidRun);
        Assert.False(File.Exists(Checkpoint(run, finalStep)), "the run finished before the fault could be injected");
    }

    static void AssertFinished(SimganChild driver)
    {
        int code = driver.WaitForExit(RunTimeout);
        Assert.True(code == 0, driver.Describe());
    }

    [Fact]
    public void Killing_every_process_after_a_snapshot_and_resuming_gives_the_uninterrupted_result()
    {
        var expected = reference.CheckpointAt(60);
        var run = Run("killed");
        int port = SimganChild.FreePort();
        using (var driver = StartDriver(run, port, 60, discriminators: 2))
        using (var a = StartWorker("worker A", port))
        using (var b = StartWorker("worker B", port))
        {
            WaitForMidRunSnapshot(driver, run, 60);
            driver.Signal("KILL");
            a.Signal("KILL");
            b.Signal("KILL");
        }

        int port2 = SimganChild.FreePort();
        using var resumed = ResumeDriver(run, port2, discriminators: 2);
        using var a2 = StartWorker("worker A (restarted)", port2);
        using var b2 = StartWorker("worker B (restarted)", port2);
        AssertFinished(resumed);
        Assert.Matches(@"trained steps [1-9]\d*\.\.60 on the cluster", resumed.Stdout);
        AssertSameFile(expected, Checkpoint(run, 60), "killed after a snapshot, then resumed");
    }

    [Fact]
    public void A_worker_killed_mid_run_leaves_its_slices_to_the_other()
    {
        var expected = reference.CheckpointAt(60);
        var run = Run("worker-killed");
        int port = SimganChild.FreePort();
        using var driver = StartDriver(run, port, 60, discriminators: 2);
        using var a = StartWorker("worker A", port);
        // A registers first; both hold slices (round robin), so the kill loses work in flight either way.
        driver.WaitForOutput("joined (1 up)", MidRun);
        using var b = StartWorker("worker B", port);
        WaitForMidRunSnapshot(driver, run, 60);
        a.Signal("KILL");
        AssertFinished(driver);
        Assert.Contains("is gone", driver.Stderr);
        AssertSameFile(expected, Checkpoint(run, 60), "one of two workers killed mid-run");
    }

    [Fact]
    public void A_worker_joining_mid_run_is_brought_up_to_date_first()
    {
        var expected = reference.CheckpointAt(60);
        var run = Run("worker-joined");
        int port = SimganChild.FreePort();
        using var driver = StartDriver(run, port, 60, discriminators: 1, "--d-slices", "2");
        using var a = StartWorker("worker A", port);
        WaitForMidRunSnapshot(driver, run, 60);
        using var b = StartWorker("worker B", port);
        driver.WaitForOutput("joined (2 up)", MidRun);
        AssertFinished(driver);
        b.WaitForOutput("received D weights", TimeSpan.FromSeconds(5));
        AssertSameFile(expected, Checkpoint(run, 60), "a second worker joined mid-run");
    }

    [Fact]
    public void A_worker_stopped_with_SIGTERM_leaves_and_the_run_goes_on()
    {
        var expected = reference.CheckpointAt(60);
        var run = Run("worker-terminated");
        int port = SimganChild.FreePort();
        using var driver = StartDriver(run, port, 60, discriminators: 2);
        using var a = StartWorker("worker A", port);
        driver.WaitForOutput("joined (1 up)", MidRun);
        using var b = StartWorker("worker B", port);
        WaitForMidRunSnapshot(driver, run, 60);
        a.Signal("TERM");
        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(30)) == 0, a.Describe());
        Assert.Contains("left the cluster", a.Stdout);
        AssertFinished(driver);
        Assert.Contains("is gone", driver.Stderr);
        AssertSameFile(expected, Checkpoint(run, 60), "one of two workers stopped with SIGTERM mid-run");
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
