using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// A private multi-host network on this one machine, for tests that need real addresses, real TCP and real
/// partitions: N network namespaces ("hosts"), each with eth0 on a veth pair whose other end is a port of a bridge
/// in one more namespace (the "switch"). Because the switch is a namespace too, nothing is added to the root
/// namespace: deleting the namespaces deletes every veth and the bridge with them.
/// Names are `sgc-ID-h0`, `sgc-ID-h1`, ..., `sgc-ID-sw`, so leftovers of a crashed run can be found
/// (<see cref="CleanupStale"/>). Needs root and iproute2; anything else fails with one line saying so.
/// </summary>
public sealed class NetworkNamespaces : IDisposable
{
    public const string Prefix = "sgc-";
    const string MarkerDir = "/run/simgan-netns";
    static readonly TimeSpan IpLimit = TimeSpan.FromSeconds(15);

    readonly string id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
    readonly List<string> namespaces = [];
    readonly List<NetnsHost> hosts = [];
    readonly List<(Process Process, ProcessOutput Output)> processes = [];
    bool disposed;

    NetworkNamespaces() { }

    /// <summary>Every namespace this instance creates starts with this: `sgc-ID-`.</summary>
    public string NamePrefix => $"{Prefix}{id}-";

    /// <summary>The hosts' /24, e.g. 10.231.57.0; host i has address .(i + 1).</summary>
    public IPAddress Subnet { get; private set; } = IPAddress.None;

    public IReadOnlyList<NetnsHost> Hosts => hosts;

    public NetnsHost Host(int i) => hosts[i];

    string Switch => $"{NamePrefix}sw";
    string MarkerFile => Path.Combine(MarkerDir, id);

    /// <summary>Builds a network of <paramref name="count"/> hosts, all connected and able to reach each other.</summary>
    public static NetworkNamespaces Create(int count)
    {
        if (count is < 1 or > 200) throw new ArgumentOutOfRangeException(nameof(count), count, "1..200 hosts");
        RequireSupport();
        var network = new NetworkNamespaces();
        try { network.Build(count); }
        catch
        {
            try { network.Dispose(); } catch (Exception e) { Console.Error.WriteLine($"NetworkNamespaces: cleanup after a failed build: {e.Message}"); }
            throw;
        }
        return network;
    }

    void Build(int count)
    {
        Subnet = PrivateSubnet.Pick();
        Directory.CreateDirectory(MarkerDir);
        // The marker comes first so that a crash at any later point leaves something CleanupStale can attribute.
        OwnerMarker.Write(MarkerFile);
        AddNamespace(Switch);
        Ip("-n", Switch, "link", "add", "br0", "type", "bridge");
        Ip("-n", Switch, "link", "set", "br0", "up");
        var network = Subnet.GetAddressBytes();
        for (var i = 0; i < count; i++)
        {
            var name = $"{NamePrefix}h{i}";
            var address = new IPAddress([network[0], network[1], network[2], (byte)(i + 1)]);
            AddNamespace(name);
            Ip("-n", Switch, "link", "add", Port(i), "type", "veth", "peer", "name", "eth0", "netns", name);
            Ip("-n", Switch, "link", "set", Port(i), "master", "br0", "up");
            Ip("-n", name, "addr", "add", $"{address}/24", "dev", "eth0");
            Ip("-n", name, "link", "set", "eth0", "up");
            hosts.Add(new NetnsHost(i, name, address));
        }
    }

    void AddNamespace(string name)
    {
        namespaces.Add(name); // before it exists: a half-made namespace must still be removed
        Ip("netns", "add", name);
        Ip("-n", name, "link", "set", "lo", "up");
    }

    /// <summary>The switch-side end of host i's cable.</summary>
    static string Port(int i) => $"p{i}";

    /// <summary>
    /// Starts a program inside host i (`ip netns exec NAME FILE ARGS`). Its output is collected (see
    /// <see cref="OutputOf"/>); it is killed, with its children, on Dispose if still running.
    /// </summary>
    public Process RunInHost(int i, string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", Host(i).Name, fileName }.Concat(args)) info.ArgumentList.Add(a);
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start ip netns exec {Host(i).Name} {fileName}");
        lock (processes) processes.Add((process, new ProcessOutput(process)));
        return process;
    }

    /// <summary>The collected stdout and stderr of a process started by <see cref="RunInHost"/>.</summary>
    public ProcessOutput OutputOf(Process process)
    {
        lock (processes) return processes.First(p => p.Process == process).Output;
    }

    /// <summary>
    /// A new TCP socket that lives in host i: bind and listen on it to serve "from" that host, or connect with it
    /// to reach the hosts as host i does (the root namespace has no route to them).
    /// </summary>
    public Socket CreateSocketInHost(int i) => NetnsSocket.CreateTcp(Host(i).Name);

    /// <summary>Unplugs host i's cable at the switch: its packets go nowhere and nothing reaches it.</summary>
    public void SetLinkDown(int i) => Ip("-n", Switch, "link", "set", Port(i), "down");

    /// <summary>Plugs host i's cable back in.</summary>
    public void SetLinkUp(int i) => Ip("-n", Switch, "link", "set", Port(i), "up");

    /// <summary>Kills the processes this instance started and removes its namespaces (and with them veths and bridge).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        lock (processes)
            foreach (var (process, _) in processes)
            {
                try { if (!process.HasExited) process.Kill(entireProcessTree: true); process.WaitForExit(5000); }
                catch (InvalidOperationException) { /* exited meanwhile */ }
                process.Dispose();
            }
        var errors = new List<string>();
        foreach (var name in Enumerable.Reverse(namespaces))
            try { RemoveNamespace(name); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException) { errors.Add(e.Message); }
        if (errors.Count == 0) File.Delete(MarkerFile);
        if (errors.Count > 0) throw new InvalidOperationException($"NetworkNamespaces {NamePrefix}*: cleanup failed: {string.Join("; ", errors)}");
    }

    /// <summary>
    /// Removes namespaces (and their veths and bridges) left by earlier runs whose test process has died, sparing
    /// those of runs still going (another worktree on this shared machine). Returns the names removed.
    /// </summary>
    public static IReadOnlyList<string> CleanupStale()
    {
        RequireSupport();
        var removed = new List<string>();
        foreach (var group in List().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).GroupBy(OwnerId))
        {
            if (OwnerMarker.IsLive(Path.Combine(MarkerDir, group.Key))) continue;
            // Sweeping up is a courtesy to the machine: a leftover that will not go must not fail this run.
            var failed = false;
            foreach (var name in group)
                try { RemoveNamespace(name); removed.Add(name); }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    failed = true;
                    Console.Error.WriteLine($"NetworkNamespaces: could not remove the stale {name}: {e.Message}");
                }
            if (!failed) File.Delete(Path.Combine(MarkerDir, group.Key));
        }
        return removed;
    }

    /// <summary>The names `ip netns list` shows, in any namespace family.</summary>
    public static IReadOnlyList<string> List() =>
        Ip("netns", "list").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    /// <summary>`sgc-ID-h0` → `ID`.</summary>
    static string OwnerId(string name) => name[Prefix.Length..].Split('-')[0];

    static void RemoveNamespace(string name)
    {
        if (!File.Exists($"/run/netns/{name}")) return;
        // A namespace lives on while a process is inside it; kill those first (e.g. a node a test failed to stop).
        foreach (var pid in Ip("netns", "pids", name).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            // No waiting: a killed process leaves its namespaces before it turns zombie, and the zombie may be
            // reaped late by an init that is not ours.
            try { using var p = Process.GetProcessById(int.Parse(pid)); p.Kill(); }
            catch (ArgumentException) { /* gone already */ }
        Ip("netns", "del", name);
    }

    /// <summary>Fails with one line unless this process can build namespaces: root, and an `ip` with netns support.</summary>
    public static void RequireSupport()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("network-namespace tests need root on Linux (ip netns add); run them as root, as CI does via .ci/run");
        try { BoundedCommand.Check(IpLimit, "ip", "netns", "list"); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"`ip netns` is unavailable ({e.Message.Split('\n')[0]}): run .ci/run or `apt-get install iproute2`", e);
        }
    }

    static BoundedCommand.Result Ip(params string[] args) => BoundedCommand.Check(IpLimit, "ip", args);
}
