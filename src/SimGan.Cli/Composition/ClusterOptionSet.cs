using TorchSharp;
using System.CommandLine;
using SimGan.Admin.Server;
using SimGan.Cluster.Hosting;

namespace SimGan.Cli.Composition;

/// <summary>
/// The options that place a process in a cluster, shared by `train --engine cluster` and `node`. Each falls back
/// to its SIMGAN_* environment variable (see <see cref="NodeEnvironment"/>), then to the default.
/// </summary>
public sealed class ClusterOptionSet(string defaultRoles, int? defaultAdminPort, string? rolesHelp = null)
{
    public Option<string?> RolesOption { get; } = new("--roles") { Description = $"Cluster roles of this process: {string.Join(",", Roles.All)} (default {rolesHelp ?? defaultRoles})" };
    public Option<int?> Port { get; } = new("--port") { Description = "Remoting port (default: any free port for a single-node run, else 4053)" };
    public Option<string?> Hostname { get; } = new("--hostname") { Description = "Address to bind remoting to (default 127.0.0.1)" };
    public Option<string?> PublicHostname { get; } = new("--public-hostname") { Description = "Address other nodes reach this one at, if not --hostname" };
    public Option<string?> Seeds { get; } = new("--seeds") { Description = "HOST:PORT[,HOST:PORT] of nodes to join; none means a single-node cluster" };
    public Option<string?> Persistence { get; } = new("--persistence") { Description = "Journal and snapshot store: sqlite:PATH or postgres:CONNECTION-STRING" };
    public Option<int?> AdminPort { get; } = new("--admin-port") { Description = $"Port of the admin HTTP API for `simgan ctl`{(defaultAdminPort is { } p ? $" (default {p}; 0 = any free port)" : " (default: none)")}" };
    public Option<string?> AdminBind { get; } = new("--admin-bind") { Description = "Address the admin API binds to (default 127.0.0.1)" };
    public Option<string?> Discovery { get; } = new("--discovery") { Description = "How nodes find each other: none (--seeds) or kubernetes (Akka.Management bootstrap)" };
    public Option<string[]> Hocon { get; } = new("--hocon") { Description = "Extra HOCON file(s), applied over hocon/*.conf", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Set { get; } = new("--set") { Description = "HOCON override key=value, winning over every file (repeatable)" };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log the actor system's INFO messages" };
    public Option<string?> TlsPfx { get; } = new("--tls-pfx") { Description = "Mutual TLS between nodes: this node's certificate and key, PKCS#12 (password in SIMGAN_TLS_PASSWORD); needs --tls-ca" };
    public Option<string?> Device { get; } = new("--device") { Description = SimGan.Core.Runtime.ComputeDevice.Help + " (SIMGAN_DEVICE)" };
    public Option<string?> DevicesOption { get; } = new("--devices") { Description = "Several devices, one slice worker each, e.g. cuda:0,cuda:1 (instead of --device; each counts as a worker for --workers)" };
    public Option<bool> Deterministic { get; } = new("--deterministic") { Description = "LibTorch's deterministic kernels (cuDNN deterministic, CUBLAS_WORKSPACE_CONFIG=:4096:8): the same bits on a GPU at some speed; the CPU is deterministic already (SIMGAN_DETERMINISTIC=1)" };
    public Option<string?> TlsCa { get; } = new("--tls-ca") { Description = "Mutual TLS between nodes: the authority (PEM) every node's certificate must be issued by; needs --tls-pfx" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { RolesOption, Port, Hostname, PublicHostname, Seeds, Persistence, AdminPort, AdminBind, Discovery, Hocon, Set, Verbose, TlsPfx, TlsCa, Device, DevicesOption, Deterministic })
            command.Options.Add(o);
    }

    public NodeSettings Resolve(ParseResult p, string? defaultPersistence, bool quietByDefault)
    {
        try
        {
            var seeds = (p.GetValue(Seeds) ?? NodeEnvironment.Get(NodeEnvironment.Seeds) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string discovery = p.GetValue(Discovery) ?? NodeEnvironment.Get(NodeEnvironment.Discovery) ?? "none";
            bool single = seeds.Length == 0 && discovery == "none";
            var hocon = p.GetValue(Hocon) ?? [];
            if (NodeEnvironment.Get(NodeEnvironment.Hocon) is { } extra) hocon = [extra, .. hocon];
            string? persistence = p.GetValue(Persistence) ?? NodeEnvironment.Get(NodeEnvironment.Persistence) ?? defaultPersistence;
            var settings = new NodeSettings
            {
                ClusterName = NodeEnvironment.Get(NodeEnvironment.ClusterName) ?? "simgan",
                Roles = Roles.Parse(p.GetValue(RolesOption) ?? NodeEnvironment.Get(NodeEnvironment.Roles) ?? defaultRoles),
                Hostname = p.GetValue(Hostname) ?? NodeEnvironment.Get(NodeEnvironment.Hostname) ?? "127.0.0.1",
                PublicHostname = p.GetValue(PublicHostname) ?? NodeEnvironment.Get(NodeEnvironment.PublicHostname),
                Port = p.GetValue(Port) ?? EnvInt(NodeEnvironment.Port) ?? (single ? 0 : 4053),
                Seeds = seeds,
                Persistence = persistence is null ? null : PersistenceSpec.Parse(persistence),
                Discovery = discovery,
                HoconDirectory = NodeEnvironment.Get(NodeEnvironment.HoconDirectory) ?? Path.Combine(AppContext.BaseDirectory, "hocon"),
                HoconFiles = hocon,
                Overrides = p.GetValue(Set) ?? [],
                SingleNode = single,
                LogLevel = p.GetValue(Verbose) ? "INFO" : quietByDefault ? "WARNING" : "INFO",
                Tls = ResolveTls(p),
                Devices = ResolveDevices(p),
            };
            // Checked here, not first when the actor system starts: that would be an unhandled exception, after
            // `train` had already saved a run that never began.
            _ = ClusterSetup.SeedAddresses(settings);
            return settings;
        }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
    }

    /// <summary>--device (or SIMGAN_DEVICE), checked against this build's LibTorch; the CPU unless a GPU build sees a GPU.</summary>
    public torch.Device ResolveDevice(ParseResult p)
    {
        EnableDeterministicKernelsIfAsked(p);
        return CliDevices.Resolve(p.GetValue(Device) ?? NodeEnvironment.Get(NodeEnvironment.Device));
    }

    void EnableDeterministicKernelsIfAsked(ParseResult p)
    {
        if (p.GetValue(Deterministic) || NodeEnvironment.Get(NodeEnvironment.Deterministic) == "1") SimGan.Core.Runtime.DeterministicKernels.Enable();
    }

    /// <summary>--devices (or --device alone): every entry checked as --device is.</summary>
    private IReadOnlyList<torch.Device> ResolveDevices(ParseResult p)
    {
        if (p.GetValue(DevicesOption) is not { } list) return [ResolveDevice(p)];
        if (p.GetValue(Device) is not null) throw new ArgumentException("--device and --devices go one at a time: --devices lists every device the node computes on");
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException("--devices needs at least one device, e.g. cuda:0,cuda:1");
        EnableDeterministicKernelsIfAsked(p);
        return names.Select(CliDevices.Resolve).ToList();
    }

    private NodeTls? ResolveTls(ParseResult p)
    {
        string? pfx = p.GetValue(TlsPfx) ?? NodeEnvironment.Get(NodeEnvironment.TlsPfx);
        string? ca = p.GetValue(TlsCa) ?? NodeEnvironment.Get(NodeEnvironment.TlsCa);
        if (pfx is null && ca is null) return null;
        if (pfx is null || ca is null) throw new ArgumentException("--tls-pfx and --tls-ca go together: a node needs its own certificate and the authority it accepts");
        return NodeTls.Load(pfx, ca, Environment.GetEnvironmentVariable(NodeEnvironment.TlsPassword));
    }

    /// <summary>The embedded default with no options at all: one process, every role, SQLite in the run folder.</summary>
    public static NodeSettings SingleNode(string runRoot) => new()
    {
        Roles = [.. Roles.All],
        Persistence = PersistenceSpec.Parse("sqlite:" + Path.Combine(runRoot, "cluster.db")),
        HoconDirectory = NodeEnvironment.Get(NodeEnvironment.HoconDirectory) ?? Path.Combine(AppContext.BaseDirectory, "hocon"),
        SingleNode = true,
        LogLevel = "WARNING",
    };

    /// <summary>The admin API's settings, or null when this process serves none.</summary>
    public AdminOptions? ResolveAdmin(ParseResult p)
    {
        int? chosen = p.GetValue(AdminPort) ?? EnvInt(NodeEnvironment.AdminPort);
        int? port = chosen ?? defaultAdminPort;
        if (port is null) return null;
        if (port is < 0 or > 65535) throw new UserError($"--admin-port {port} is not a port");
        string bind = p.GetValue(AdminBind) ?? NodeEnvironment.Get(NodeEnvironment.AdminBind) ?? "127.0.0.1";
        return new AdminOptions(bind, port.Value, NodeEnvironment.Get(NodeEnvironment.AdminToken));
    }

    /// <summary>True when the admin port is the default rather than chosen: the host may then take a free one.</summary>
    public bool AdminPortIsDefault(ParseResult p) => p.GetValue(AdminPort) is null && EnvInt(NodeEnvironment.AdminPort) is null;

    private static int? EnvInt(string name)
    {
        var text = NodeEnvironment.Get(name);
        if (text is null) return null;
        return int.TryParse(text, out int v) ? v : throw new UserError($"{name}='{text}' is not a number");
    }
}
