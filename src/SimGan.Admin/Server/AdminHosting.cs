using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SimGan.Admin.Server;

/// <summary>The host-side half of the admin server: where it listens and the services its routes need.</summary>
public static class AdminHosting
{
    /// <summary>
    /// Listens on exactly BindAddress:Port (no ASPNETCORE_URLS surprises) and registers health checks so that
    /// <see cref="AdminEndpoints.MapSimGanAdmin"/> can map them. The caller registers its <c>IClusterAdmin</c>.
    /// </summary>
    public static WebApplicationBuilder AddSimGanAdmin(this WebApplicationBuilder builder, AdminOptions options)
    {
        var address = options.ListenAddress();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The port actually bound, which differs from the configured one when that was 0. Call after start.</summary>
    public static int BoundAdminPort(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("the admin server has not started, so it has no bound port yet");
        return new Uri(first).Port;
    }
}
