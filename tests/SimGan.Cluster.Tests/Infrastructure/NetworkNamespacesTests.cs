using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SimGan.Cluster.Tests.Infrastructure;

[Collection(NetnsCollection.Name)]
public sealed class NetworkNamespacesTests
{
    const int Port = 7000;
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_program_in_one_host_reaches_a_listener_in_another_over_tcp()
    {
        using var network = NetworkNamespaces.Create(2);
        using var listener = Listen(network, 0);
        var accepted = listener.AcceptAsync();

        // bash's /dev/tcp is the client: bash is on every Debian machine, nc and curl are not.
        var client = network.RunInHost(1, "bash", ["-c", $"exec 3<>/dev/tcp/{network.Host(0).Address}/{Port} && echo \"$GREETING\" >&3"],
            new Dictionary<string, string> { ["GREETING"] = "hello from host 1" });

        using var connection = await accepted.WaitAsync(Limit);
        Assert.True(client.WaitForExit(Limit), "client did not finish");
        Assert.True(client.ExitCode == 0, network.OutputOf(client).Text);
        Assert.Equal(network.Host(1).Address, ((IPEndPoint)connection.RemoteEndPoint!).Address);
        Assert.Equal("hello from host 1\n", await Receive(connection));
    }

    [Fact]
    public void A_host_whose_link_is_down_cannot_be_reached_until_it_is_up_again()
    {
        using var network = NetworkNamespaces.Create(2);
        using var listener = Listen(network, 0);
        _ = AcceptForever(listener);
        Assert.True(Connect(network, from: 1, to: 0), "hosts could not reach each other before the cut");

        network.SetLinkDown(0);
        var clock = Stopwatch.StartNew();
        Assert.False(Connect(network, from: 1, to: 0), "host 0 was reachable with its link down");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the failed connection took {clock.Elapsed}");

        network.SetLinkUp(0);
        Assert.True(Eventually(() => Connect(network, from: 1, to: 0)), "host 0 stayed unreachable after its link came back");
    }

    [Fact]
    public void Dispose_removes_every_namespace_and_kills_the_processes_started_in_them()
    {
        var network = NetworkNamespaces.Create(2);
        string prefix;
        int sleeperId, orphanId;
        try
        {
            prefix = network.NamePrefix;
            var sleeper = network.RunInHost(0, "sleep", ["600"]);
            sleeperId = sleeper.Id;
            // An orphan: its parent exits at once, so it is no child of ours and only the namespace knows about it.
            var spawner = network.RunInHost(1, "bash", ["-c", "sleep 600 </dev/null >/dev/null 2>&1 & echo $!"]);
            Assert.True(spawner.WaitForExit(Limit));
            Assert.True(network.OutputOf(spawner).WaitForEnd(Limit));
            orphanId = int.Parse(network.OutputOf(spawner).Text.Trim());
            Assert.Contains(NetworkNamespaces.List(), n => n.StartsWith(prefix, StringComparison.Ordinal));
        }
        finally
        {
            network.Dispose();
        }

        Assert.DoesNotContain(NetworkNamespaces.List(), n => n.StartsWith(prefix, StringComparison.Ordinal));
        Assert.False(Running(sleeperId), "the process started in host 0 survived Dispose");
        Assert.True(Eventually(() => !Running(orphanId)), "the orphan left in host 1 survived Dispose");
    }

    [Fact]
    public void CleanupStale_removes_what_a_dead_run_left_and_spares_a_live_run()
    {
        using var live = NetworkNamespaces.Create(1);
        var deadId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var leftover = $"{NetworkNamespaces.Prefix}{deadId}-h0";
        BoundedCommand.Check(Limit, "ip", "netns", "add", leftover);
        File.WriteAllText($"/run/simgan-netns/{deadId}", "999999999 0"); // a process that cannot exist

        var removed = NetworkNamespaces.CleanupStale();

        Assert.Contains(leftover, removed);
        var left = NetworkNamespaces.List();
        Assert.DoesNotContain(leftover, left);
        Assert.Contains(live.Host(0).Name, left);
    }

    static Socket Listen(NetworkNamespaces network, int host)
    {
        var socket = network.CreateSocketInHost(host);
        socket.Bind(new IPEndPoint(network.Host(host).Address, Port));
        socket.Listen();
        return socket;
    }

    static async Task AcceptForever(Socket listener)
    {
        try { while (true) (await listener.AcceptAsync()).Dispose(); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* the test is over */ }
    }

    /// <summary>True if host `from` opens a TCP connection to host `to` within 3 s.</summary>
    static bool Connect(NetworkNamespaces network, int from, int to)
    {
        var attempt = network.RunInHost(from, "timeout", ["3", "bash", "-c", $"exec 3<>/dev/tcp/{network.Host(to).Address}/{Port}"]);
        if (!attempt.WaitForExit(Limit)) throw new TimeoutException("timeout(1) did not stop the connection attempt");
        return attempt.ExitCode == 0;
    }

    static async Task<string> Receive(Socket connection)
    {
        var buffer = new byte[256];
        var text = new StringBuilder();
        int read;
        while ((read = await connection.ReceiveAsync(buffer).WaitAsync(Limit)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        return text.ToString();
    }

    static bool Running(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    static bool Eventually(Func<bool> condition)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < Limit; Thread.Sleep(200))
            if (condition()) return true;
        return false;
    }
}
