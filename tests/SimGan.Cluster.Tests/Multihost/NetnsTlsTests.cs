using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Hosting;
using SimGan.Cluster.Tests.Infrastructure;
using SimGan.Cluster.Tests.Processes;

namespace SimGan.Cluster.Tests.Multihost;

/// <summary>
/// Mutual TLS between hosts with network stacks and addresses of their own (network namespaces), not only between
/// processes on loopback: a driver that computes nothing and a worker on another host train to the end over TLS.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsTlsTests : IDisposable
{
    const int Steps = 40;
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    readonly string root = SimganProcess.Temp();
    readonly NetworkNamespaces network = NetworkNamespaces.Create(2);

    [Fact]
    public void A_driver_and_a_worker_on_two_hosts_train_over_mutual_tls()
    {
        var authority = TestCertificates.Authority("simgan netns CA");
        string[] Tls(string node) =>
            ["--tls-pfx", TestCertificates.WritePfx(root, node, TestCertificates.Node(authority, node)), "--tls-ca", TestCertificates.WritePem(root, node + "-ca", authority)];
        var env = new Dictionary<string, string>(SimganChild.QuietThreads) { ["SIMGAN_TLS_PASSWORD"] = TestCertificates.Password };
        string seed = $"{network.Host(0).Address}:4053", run = Path.Combine(root, "run");

        var driver = network.RunInHost(0, "dotnet", [SimganProcess.Dll, .. TinyTraining.Args(Steps), "--out", run,
            "--hostname", network.Host(0).Address.ToString(), "--port", "4053", "--seeds", seed, "--workers", "1",
            "--roles", "coordinator,feeder,buffer", "--admin-port", "0", "--verbose", .. Tls("driver")], env);
        var worker = network.RunInHost(1, "dotnet", [SimganProcess.Dll, "node", "--hostname", network.Host(1).Address.ToString(),
            "--port", "4053", "--seeds", seed, .. Tls("worker")], env);

        Assert.True(driver.WaitForExit((int)Limit.TotalMilliseconds),
            $"the driver did not finish:\n{network.OutputOf(driver).Text}\nworker:\n{network.OutputOf(worker).Text}");
        Assert.True(network.OutputOf(driver).WaitForEnd(TimeSpan.FromSeconds(10)));
        Assert.True(driver.ExitCode == 0, $"driver exit {driver.ExitCode}:\n{network.OutputOf(driver).Text}\nworker:\n{network.OutputOf(worker).Text}");
        Assert.True(File.Exists(TinyTraining.Checkpoint(run, Steps)), "no final checkpoint:\n" + network.OutputOf(driver).Text);
        // The driver computes no slices, so every step's work crossed the TLS link to the other host.
        Assert.Contains($"akka.ssl.tcp://simgan@{network.Host(1).Address}:4053", network.OutputOf(driver).Text);
    }

    public void Dispose()
    {
        network.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { /* a killed child may still hold a file */ }
    }
}
