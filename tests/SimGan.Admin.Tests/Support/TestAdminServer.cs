using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SimGan.Admin.Client;
using SimGan.Admin.Contract;
using SimGan.Admin.Server;

namespace SimGan.Admin.Tests.Support;

/// <summary>A real Kestrel admin server on 127.0.0.1 and a free port, serving a <see cref="FakeClusterAdmin"/>.</summary>
public sealed class TestAdminServer : IAsyncDisposable
{
    public const string Token = "s3cret-token";

    private readonly WebApplication _app;

    public FakeClusterAdmin Cluster { get; }
    public CapturingLoggerProvider Logs { get; }

    /// <summary>What the registered readiness check reports; liveness is always healthy.</summary>
    public HealthStatus Readiness { get => ReadinessBox.Value; set => ReadinessBox.Value = value; }

    private StrongBox<HealthStatus> ReadinessBox { get; init; } = new(HealthStatus.Healthy);

    public int Port { get; }
    public string Node => $"127.0.0.1:{Port}";

    private TestAdminServer(WebApplication app, FakeClusterAdmin cluster, CapturingLoggerProvider logs)
    {
        _app = app;
        Cluster = cluster;
        Logs = logs;
        Port = app.BoundAdminPort();
    }

    public static Task<TestAdminServer> StartAsync(string? token = Token) => StartAsync(new AdminOptions("127.0.0.1", 0, token));

    public static async Task<TestAdminServer> StartAsync(AdminOptions options)
    {
        var fake = new FakeClusterAdmin();
        var logs = new CapturingLoggerProvider();
        var readiness = new StrongBox<HealthStatus>(HealthStatus.Healthy);
        var app = Build(options, fake, logs, () => readiness.Value);
        app.MapSimGanAdmin(options);
        await app.StartAsync();
        return new TestAdminServer(app, fake, logs) { ReadinessBox = readiness };
    }

    /// <summary>The web application with the admin pieces registered but not yet mapped, as a node composes it.</summary>
    public static WebApplication Build(AdminOptions options, IClusterAdmin admin, ILoggerProvider logs, Func<HealthStatus> readiness)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddSimGanAdmin(options);
        builder.Services.AddSingleton(admin);
        // Tagged as Akka.Hosting tags its own checks, so the probes' predicates are tested against the real tags.
        builder.Services.AddHealthChecks()
            .AddCheck("akka.actorsystem", () => HealthCheckResult.Healthy(), ["akka", "liveness"])
            .AddCheck("akka.cluster.join", () => new HealthCheckResult(readiness()), ["akka", "ready", "akka.cluster"]);
        return builder.Build();
    }

    public AdminClient Client(string? token = Token) => new(Node, token);

    public HttpClient Http(string? token = Token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{Node}/") };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
