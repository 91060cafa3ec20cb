namespace SimGan.Cluster.Hosting;

/// <summary>What a node is: its roles, where it listens, how it finds the others, where it persists.</summary>
public sealed record NodeSettings
{
    public string ClusterName { get; init; } = "simgan";
    public required string[] Roles { get; init; }
    /// <summary>Address to bind; 0.0.0.0 in containers.</summary>
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>Address others use to reach this node, if not the bind address (a pod IP).</summary>
    public string? PublicHostname { get; init; }
    /// <summary>Remoting port; 0 picks a free one (single-node runs).</summary>
    public int Port { get; init; }
    /// <summary>HOST:PORT of seed nodes; empty means this node seeds itself (single node) or discovery finds them.</summary>
    public string[] Seeds { get; init; } = [];
    public PersistenceSpec? Persistence { get; init; }
    /// <summary>none, or kubernetes (Akka.Management cluster bootstrap).</summary>
    public string Discovery { get; init; } = "none";
    /// <summary>The hocon/ folder shipped with the program.</summary>
    public required string HoconDirectory { get; init; }
    /// <summary>Extra HOCON files, later ones winning.</summary>
    public IReadOnlyList<string> HoconFiles { get; init; } = [];
    /// <summary>key=value overrides, winning over every file.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>One process, every role, no seeds: the embedded default.</summary>
    public bool SingleNode { get; init; }
    public string LogLevel { get; init; } = "INFO";
    /// <summary>Mutual TLS for remoting, or null for plain TCP.</summary>
    public NodeTls? Tls { get; init; }
    /// <summary>Where this node computes (already checked against this LibTorch: ComputeDevice.Resolve); the first of <see cref="Devices"/>.</summary>
    public TorchSharp.torch.Device Device
    {
        get => Devices[0];
        init => Devices = [value];
    }

    /// <summary>One slice worker per entry (<c>--devices cuda:0,cuda:1</c>); a single device unless told otherwise.</summary>
    public IReadOnlyList<TorchSharp.torch.Device> Devices { get; init; } = [TorchSharp.torch.CPU];

    public bool Has(string role) => Roles.Contains(role);
}
