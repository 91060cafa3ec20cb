namespace SimGan.Cli.Composition;

/// <summary>
/// Environment variables that stand in for node options where a command line is awkward (Kubernetes manifests).
/// A value given on the command line always wins.
/// </summary>
public static class NodeEnvironment
{
    public const string Roles = "SIMGAN_ROLES";
    public const string Port = "SIMGAN_PORT";
    public const string Hostname = "SIMGAN_HOSTNAME";
    public const string PublicHostname = "SIMGAN_PUBLIC_HOSTNAME";
    public const string Seeds = "SIMGAN_SEEDS";
    public const string AdminPort = "SIMGAN_ADMIN_PORT";
    public const string AdminBind = "SIMGAN_ADMIN_BIND";
    public const string AdminToken = "SIMGAN_ADMIN_TOKEN";
    public const string Persistence = "SIMGAN_PERSISTENCE";
    public const string Discovery = "SIMGAN_DISCOVERY";
    public const string ClusterName = "SIMGAN_CLUSTER_NAME";
    public const string Hocon = "SIMGAN_HOCON";
    public const string HoconDirectory = "SIMGAN_HOCON_DIR";
    public const string TlsPfx = "SIMGAN_TLS_PFX";
    public const string TlsCa = "SIMGAN_TLS_CA";
    public const string Device = "SIMGAN_DEVICE";
    public const string Deterministic = "SIMGAN_DETERMINISTIC";
    /// <summary>The --tls-pfx file's password: read from the environment only, never from a command line others can see.</summary>
    public const string TlsPassword = "SIMGAN_TLS_PASSWORD";

    public static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
