using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SimGan.Admin.Contract;
using SimGan.Admin.Server;
using SimGan.Cluster.Admin;
using SimGan.Cluster.Hosting;
using SimGan.Cluster.Training;

namespace SimGan.Cli.Composition;

/// <summary>
/// One cluster node as a running host: the actor system (Akka.Hosting), its health checks and, when asked, the
/// admin API on the same Kestrel host. Starting returns once the node is a member, or fails with one line.
/// </summary>
public sealed class ClusterNodeHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ClusterNodeHost(WebApplication app, NodeSettings node, AdminOptions? admin)
    {
        this.app = app;
        Node = node;
        Admin = admin;
    }

    public NodeSettings Node { get; }

    public AdminOptions? Admin { get; }

    public ActorSystem System => app.Services.GetRequiredService<ActorSystem>();

    public IActorRegistry Registry => app.Services.GetRequiredService<IActorRegistry>();

    /// <summary>The datasets this node's feeder opened (none if it holds no feeder).</summary>
    public RunData Data => app.Services.GetRequiredService<RunData>();

    public int? AdminPort => Admin is null ? null : app.BoundAdminPort();

    /// <param name="adminPortIsDefault">The admin port was not chosen: if it is taken, use any free one instead, so
    /// that two runs on one machine do not fail over it (the driver prints where the API is).</param>
    public static async Task<ClusterNodeHost> StartAsync(NodeSettings node, AdminOptions? admin, CoordinatorSettings? coordinator,
                                                         CancellationToken cancel, bool adminPortIsDefault = false)
    {
        if (admin is { Port: > 0 } && adminPortIsDefault && PortTaken(admin)) admin = admin with { Port = 0 };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        var minimum = node.LogLevel == "INFO" ? LogLevel.Information : LogLevel.Warning;
        builder.Logging.SetMinimumLevel(minimum);
        // A failed start is reported once, as one line (StartAsync below); these two would add its stack trace twice.
        builder.Logging.AddFilter("Akka.Hosting.AkkaHostedService", level => level >= minimum && level < LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= minimum && level < LogLevel.Error);
        // The console logger writes to stdout; progress and results own it, so logs go to stderr.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (admin is not null) builder.AddSimGanAdmin(admin);
        else builder.WebHost.UseUrls("http://127.0.0.1:0");
        var data = new RunData();
        builder.Services.AddSingleton(data);
        try { builder.Services.AddSimGanCluster(node, data, coordinator); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
        builder.Services.AddSingleton<IClusterAdmin>(sp => new ClusterAdmin(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<IActorRegistry>()));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();

        var app = builder.Build();
        if (admin is not null)
        {
            try { app.MapSimGanAdmin(admin); }
            catch (InvalidOperationException ex) { throw new UserError(ex.Message); }
        }
        try { await app.StartAsync(cancel); }
        catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            // Taken between the check above and the bind: another run started at the same moment.
            if (adminPortIsDefault && admin is { Port: > 0 }) return await StartAsync(node, admin with { Port = 0 }, coordinator, cancel);
            throw new UserError($"the admin port {admin?.Port} is in use; choose another with --admin-port (0 = any free port)");
        }
        catch (Exception ex) when (ex is ArgumentException or Akka.Configuration.ConfigurationException)
        {
            // A setting the actor system refuses (from --set or --hocon, e.g. akka.loglevel = nonsense).
            throw new UserError($"the actor system did not start: {ex.Message}");
        }
        var host = new ClusterNodeHost(app, node, admin);
        await host.JoinAsync(cancel);
        return host;
    }

    private static bool PortTaken(AdminOptions admin)
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(admin.ListenAddress(), admin.Port);
            probe.Start();
            return false;
        }
        catch (System.Net.Sockets.SocketException) { return true; }
    }

    /// <summary>Joins (a single node joins itself) and waits to be Up, within simgan.join-timeout.</summary>
    private async Task JoinAsync(CancellationToken cancel)
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        if (Node.SingleNode) cluster.Join(cluster.SelfAddress);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        var timeout = System.Settings.Config.GetTimeSpan("simgan.join-timeout", TimeSpan.FromSeconds(60));
        var finished = await Task.WhenAny(up.Task, Task.Delay(timeout, cancel));
        if (finished != up.Task)
        {
            await StopAsync();
            cancel.ThrowIfCancellationRequested();
            string through = Node.Seeds.Length > 0 ? "through " + string.Join(", ", Node.Seeds) : "by " + Node.Discovery + " discovery";
            throw new UserError($"could not join the cluster {through} within {timeout.TotalSeconds:0} s (is a seed node running and reachable?)");
        }
    }

    /// <summary>Leaves the cluster (coordinated shutdown) and stops the host.</summary>
    public async Task StopAsync()
    {
        try { await app.StopAsync(); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
