using Microsoft.AspNetCore.Http;

namespace SimGan.Admin.Server;

internal static class Caller
{
    /// <summary>Who is calling, for the audit log: the remote IP and port as the socket saw them.</summary>
    public static string Of(HttpContext context)
    {
        var connection = context.Connection;
        return connection.RemoteIpAddress is null ? "unknown" : $"{connection.RemoteIpAddress}:{connection.RemotePort}";
    }
}
