using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Server;

/// <summary>The admin API of contract.md, mapped onto a web application whose DI holds an <see cref="IClusterAdmin"/>.</summary>
public static class AdminEndpoints
{
    public const string LogCategory = "SimGan.Admin";

    /// <exception cref="InvalidOperationException">No token is configured and the bind address is not loopback.</exception>
    public static WebApplication MapSimGanAdmin(this WebApplication app, AdminOptions options)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        TokenPolicy.Enforce(options, log);
        app.UseAdminToken(new BearerToken(options.Token), log);

        app.MapHealthChecks(AdminRoutes.Live, new HealthCheckOptions { Predicate = AdminHealth.IsLiveness });
        app.MapHealthChecks(AdminRoutes.Ready, new HealthCheckOptions { Predicate = AdminHealth.IsReadiness });

        var metrics = new AdminMetrics(() => app.Services.GetRequiredService<IClusterAdmin>(), log);
        app.MapGet(AdminRoutes.Metrics, (HttpContext context, CancellationToken ct) => metrics.WriteAsync(context.Response, ct));

        var answers = new AdminAnswers(log);
        MapCluster(app, answers);
        MapSharding(app, answers);
        MapTraining(app, answers);
        return app;
    }

    private static void MapCluster(WebApplication app, AdminAnswers answers)
    {
        app.MapGet(AdminRoutes.Cluster, (IClusterAdmin admin, CancellationToken ct) => answers.Answer(() => admin.GetClusterAsync(ct)));
        app.MapPost(AdminRoutes.Leave, async (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
        {
            var (address, problem) = await AddressBody.ReadAsync(context.Request, ct);
            return problem ?? await answers.Mutate(context, $"leave {address}", () => admin.LeaveAsync(address!, ct));
        });
        app.MapPost(AdminRoutes.Down, async (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
        {
            var (address, problem) = await AddressBody.ReadAsync(context.Request, ct);
            return problem ?? await answers.Mutate(context, $"down {address}", () => admin.DownAsync(address!, ct));
        });
        app.MapPost(AdminRoutes.DownUnreachable, (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
            answers.Mutate(context, "down unreachable members", () => admin.DownUnreachableAsync(ct)));
    }

    private static void MapSharding(WebApplication app, AdminAnswers answers)
    {
        app.MapGet(AdminRoutes.ShardRegions, (IClusterAdmin admin, CancellationToken ct) => answers.Answer(() => admin.GetShardRegionsAsync(ct)));
        app.MapGet(AdminRoutes.ShardStats, (IClusterAdmin admin, CancellationToken ct) => answers.Answer(() => admin.GetShardStatsAsync(ct)));
    }

    private static void MapTraining(WebApplication app, AdminAnswers answers)
    {
        app.MapGet(AdminRoutes.Training, (IClusterAdmin admin, CancellationToken ct) => answers.Answer(() => admin.GetTrainingAsync(ct),
            status => status is null ? AdminAnswers.Error(StatusCodes.Status404NotFound, NoTraining) : AdminAnswers.Json(status)));
        app.MapPost(AdminRoutes.Pause, (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
            answers.Mutate(context, "pause training", () => admin.PauseTrainingAsync(ct)));
        app.MapPost(AdminRoutes.Resume, (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
            answers.Mutate(context, "resume training", () => admin.ResumeTrainingAsync(ct)));
        app.MapPost(AdminRoutes.Snapshot, (HttpContext context, IClusterAdmin admin, CancellationToken ct) =>
            answers.Mutate(context, "snapshot training", () => admin.SnapshotTrainingAsync(ct)));
    }

    /// <summary>The 404 message of <c>GET /api/training</c> on a cluster without training; the client turns it back into null.</summary>
    public const string NoTraining = "no training runs on this cluster";
}
