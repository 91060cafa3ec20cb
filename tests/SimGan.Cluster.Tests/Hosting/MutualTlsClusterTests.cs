using System.Security.Cryptography.X509Certificates;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Faults;
using Child = SimGan.Cluster.Tests.Processes.SimganChild;

namespace SimGan.Cluster.Tests.Hosting;

/// <summary>
/// Mutual TLS between real processes, with certificates made here: a worker with a certificate from the cluster's
/// authority joins and the run ends with the plain run's bits; a worker without one, or with one from another
/// authority, cannot join.
/// </summary>
[Collection(RealClusterRuns.Name)]
public sealed class MutualTlsClusterTests(ReferenceRuns references) : IDisposable
{
    const int Steps = 20;
    static readonly IReadOnlyDictionary<string, string> Password = new Dictionary<string, string> { ["SIMGAN_TLS_PASSWORD"] = TestCertificates.Password };
    static readonly X509Certificate2 Ours = TestCertificates.Authority("simgan cluster CA");

    readonly string folder = SimganProcess.Temp();

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    string[] Tls(X509Certificate2 authority, string node) =>
        ["--tls-pfx", TestCertificates.WritePfx(folder, node, TestCertificates.Node(authority, node)), "--tls-ca", TestCertificates.WritePem(folder, node + "-ca", authority)];

    /// <summary>A driver that computes nothing itself, so the run needs the worker; it accepts only certificates from <see cref="Ours"/>.</summary>
    Child StartDriver(string run, int port) => Child.Start(
    [
        "train", .. RealClusterRuns.Tiny(Steps), "--d-slices", "2", "--out", run, "--port", port.ToString(), "--seeds", $"127.0.0.1:{port}",
        "--workers", "1", "--roles", "coordinator,feeder,buffer", "--admin-port", "0", "--verbose", .. RealClusterRuns.FastFailureDetection, .. Tls(Ours, "driver"),
    ], Password);

    Child StartWorker(int seedPort, params string[] tls) => Child.Start(
    [
        "node", "--port", SimganChild.FreePort().ToString(), "--seeds", $"127.0.0.1:{seedPort}", .. RealClusterRuns.FastFailureDetection, .. tls,
    ], Password);

    [Fact]
    public void A_worker_with_a_certificate_from_the_authority_joins_and_the_run_keeps_its_bits()
    {
        int port = SimganChild.FreePort();
        string run = Path.Combine(folder, "run");
        using var driver = StartDriver(run, port);
        using var worker = StartWorker(port, Tls(Ours, "worker"));
        Assert.True(driver.WaitForExit(RealClusterRuns.RunTimeout), $"the driver did not finish:\n{driver.Output.Text}\nworker:\n{worker.Output.Text}");
        Assert.True(driver.Process.ExitCode == 0, $"the driver failed:\n{driver.Output.Text}\nworker:\n{worker.Output.Text}");
        RealClusterRuns.AssertSameFile(references.CheckpointAt(Steps), RealClusterRuns.Checkpoint(run, Steps), "a TLS cluster computes what a plain one does");
    }

    [Fact]
    public void A_worker_without_a_certificate_cannot_join()
    {
        AssertRefused(port => StartWorker(port));
    }

    [Fact]
    public void A_worker_with_a_certificate_from_another_authority_cannot_join()
    {
        var theirs = TestCertificates.Authority("another CA");
        AssertRefused(port => StartWorker(port, Tls(theirs, "intruder")));
    }

    void AssertRefused(Func<int, Child> startWorker)
    {
        int port = SimganChild.FreePort();
        using var driver = StartDriver(Path.Combine(folder, "refused"), port);
        driver.WaitForMatch(new System.Text.RegularExpressions.Regex("waiting for 1 slice worker"), TimeSpan.FromSeconds(60));
        using var worker = startWorker(port);
        // join-timeout is 20 s in FastFailureDetection: the worker gives up with its one-line error.
        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(60)), $"the worker neither joined nor gave up:\n{worker.Output.Text}");
        Assert.True(worker.Process.ExitCode != 0, $"the worker exited 0:\n{worker.Output.Text}");
        Assert.Contains("could not join the cluster", worker.Output.Text);
        Assert.False(driver.Process.HasExited, $"the driver stopped:\n{driver.Output.Text}");
        Assert.DoesNotContain("training from step", driver.Output.Text);
    }

    [Fact]
    public void Half_a_tls_configuration_is_a_one_line_error()
    {
        var (code, output) = Child.Run(TimeSpan.FromSeconds(60), ["node", "--tls-pfx", Path.Combine(folder, "node.pfx")]);
        Assert.Equal(2, code);
        Assert.Contains("--tls-pfx and --tls-ca go together", output);
    }
}
