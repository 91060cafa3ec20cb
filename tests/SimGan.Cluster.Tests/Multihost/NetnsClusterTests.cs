using System.Diagnostics;
using System.Text.RegularExpressions;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Infrastructure;
using SimGan.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace SimGan.Cluster.Tests.Multihost;

/// <summary>
/// Nodes in separate network namespaces, each with its own address, form a cluster and train; then one
/// discriminator host's link goes down, the cluster downs it and training continues. Only addresses this test
/// created are used, every wait is bounded, and the namespaces and processes go away on Dispose.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed partial class NetnsClusterTests(ITestOutputHelper log) : IDisposable
{
    const int Steps = 200;
    static readonly TimeSpan Total = TimeSpan.FromMinutes(5);
    readonly string root = SimganProcess.Temp();
    readonly NetworkNamespaces network = NetworkNamespaces.Create(3);

    static readonly string[] FastFaults =
    [
        "--set", "akka.cluster.split-brain-resolver.stable-after=3s",
        "--set", "akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
        "--set", "simgan.training.slice-timeout=5s",
    ];

    [Fact]
    public void A_discriminator_host_whose_link_goes_down_is_downed_and_training_finishes_on_the_others()
    {
        var clock = Stopwatch.StartNew();
        string seed = $"{network.Host(0).Address}:4053", run = Path.Combine(root, "run");
        var driver = Start(0, [.. TinyTraining.Args(Steps), "--out", run, "--hostname", network.Host(0).Address.ToString(), "--port", "4053",
            "--seeds", seed, "--discriminators", "2", "--admin-port", "0", "--verbose", .. FastFaults]);
        foreach (int host in new[] { 1, 2 })
            Start(host, ["node", "--roles", "refiner,discriminator", "--hostname", network.Host(host).Address.ToString(), "--port", "4053", "--seeds", seed, .. FastFaults]);

        // Trained a little with both workers: the second checkpoint (step 40) is past the pretraining phases.
        Assert.True(TinyTraining.Eventually(() => File.Exists(TinyTraining.Checkpoint(run, 40)) || driver.HasExited, TimeSpan.FromMinutes(3)),
            "no checkpoint at step 40:\n" + Output(driver));
        Assert.False(driver.HasExited, "the driver ended before the cut:\n" + Output(driver));
        Assert.False(File.Exists(TinyTraining.Checkpoint(run, Steps)), "the run had finished before the cut");
        var cutAt = clock.Elapsed;
        network.SetLinkDown(2);
        log.WriteLine($"link of host 2 down at {cutAt.TotalSeconds:0.0} s");

        Assert.True(driver.WaitForExit((int)(Total - clock.Elapsed).TotalMilliseconds), "the driver did not finish after the cut:\n" + Tail(driver));
        Assert.True(network.OutputOf(driver).WaitForEnd(TimeSpan.FromSeconds(10)));
        Assert.True(driver.ExitCode == 0, $"driver exit {driver.ExitCode}:\n{Tail(driver)}");
        Assert.True(File.Exists(TinyTraining.Checkpoint(run, Steps)), "no final checkpoint:\n" + Tail(driver));
        var lost = Regex.Escape($"{network.Host(2).Address}:4053");
        Assert.Matches(new Regex($"(?i)(down|remov)[^\n]*{lost}"), Output(driver));
        log.WriteLine($"finished {clock.Elapsed.TotalSeconds:0.0} s ({(clock.Elapsed - cutAt).TotalSeconds:0.0} s after the cut)");
        Assert.True(clock.Elapsed < Total, $"took {clock.Elapsed}");
    }

    Process Start(int host, string[] args) =>
        network.RunInHost(host, "dotnet", [SimganProcess.Dll, .. args], SimganChild.QuietThreads);

    string Output(Process process) => network.OutputOf(process).Text;

    string Tail(Process process) => string.Join('\n', Output(process).Split('\n').TakeLast(60));

    public void Dispose()
    {
        network.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { /* a killed child may still hold a file */ }
    }
}
