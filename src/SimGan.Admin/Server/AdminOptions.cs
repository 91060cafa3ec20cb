using System.Net;

namespace SimGan.Admin.Server;

/// <param name="BindAddress">An IP address, or "localhost"; 0.0.0.0 or :: to serve every interface.</param>
/// <param name="Port">0 picks a free port (tests); read it back with <see cref="AdminHosting.BoundAdminPort"/>.</param>
/// <param name="Token">The bearer token callers must present; empty only allowed on a loopback bind.</param>
public sealed record AdminOptions(string BindAddress = "127.0.0.1", int Port = 9110, string? Token = null)
{
    public const int DefaultPort = 9110;

    public bool HasToken => !string.IsNullOrEmpty(Token);

    public bool IsLoopback =>
        string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(BindAddress, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The address Kestrel listens on; "localhost" means IPv4 loopback because Kestrel cannot give a dynamic port to a name.</summary>
    public IPAddress ListenAddress()
    {
        if (string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(BindAddress, out var ip)) return ip;
        throw new ArgumentException($"the admin bind address must be an IP address or localhost, not '{BindAddress}'");
    }
}
