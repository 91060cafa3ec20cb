using Microsoft.Extensions.Logging;

namespace SimGan.Admin.Server;

/// <summary>Refuses to serve an open admin API beyond this machine: anyone who can reach it could down the cluster.</summary>
public static class TokenPolicy
{
    public static void Enforce(AdminOptions options, ILogger log)
    {
        if (options.HasToken) return;
        if (!options.IsLoopback)
            throw new InvalidOperationException(
                $"the admin API would listen on {options.BindAddress} without a token; set SIMGAN_ADMIN_TOKEN or bind it to 127.0.0.1");
        // Information, not a warning: an open API on loopback is the single-machine default, and the program says so where it prints the address.
        log.LogInformation("The admin API on {Bind}:{Port} has no token: anyone on this machine can use it", options.BindAddress, options.Port);
    }
}
