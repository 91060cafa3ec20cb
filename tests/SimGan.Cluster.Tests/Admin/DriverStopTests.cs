using System.Text.RegularExpressions;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Infrastructure;
using SimGan.Cluster.Tests.Processes;

namespace SimGan.Cluster.Tests.Admin;

/// <summary>SIGTERM stops a driver that has no discriminator worker (none joined yet, or the last one left).</summary>
public sealed partial class DriverStopTests : IDisposable
{
    readonly string root = SimganProcess.Temp();

    // Was a bug (still running 60 s after SIGTERM): StopTraining only set a flag that NextStep read, and NextStep
    // never ran while the coordinator waited for workers.
    [Fact]
    public void A_driver_still_waiting_for_its_workers_stops_on_SIGTERM()
    {
        int port = FreePort();
        using var driver = SimganChild.Start([.. TinyTraining.Args(400), "--out", Path.Combine(root, "run"), "--port", port.ToString(),
            "--seeds", $"127.0.0.1:{port}", "--discriminators", "1", "--admin-port", "0"]);
        driver.WaitForMatch(Up(), TimeSpan.FromMinutes(1));
        Thread.Sleep(2000); // into the coordinator's "waiting for workers" state

        BoundedCommand.Check(TimeSpan.FromSeconds(10), "kill", "-TERM", driver.Process.Id.ToString());

        Assert.True(driver.WaitForExit(TimeSpan.FromSeconds(60)), "the driver ignored SIGTERM for 60 s:\n" + driver.Output.Text);
        Assert.Equal(130, driver.Process.ExitCode);
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"driver \S+ is up")]
    private static partial Regex Up();

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
