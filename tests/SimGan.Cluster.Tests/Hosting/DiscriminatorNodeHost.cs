using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SimGan.Cli.Tests;
using SimGan.Cluster.Feeding;
using SimGan.Cluster.Hosting;
using SimGan.Core.Images;

namespace SimGan.Cluster.Tests.Hosting;

/// <summary>
/// A real node, wired exactly as the program wires one (hocon/ from the repository and
/// <see cref="ClusterSetup.AddSimGanCluster"/>), with only the discriminator role: no store, no data, no run.
/// It is started but never joins a cluster, which is enough to look at its serialization.
/// </summary>
public sealed class DiscriminatorNodeHost : IAsyncDisposable
{
    private readonly IHost host;

    private DiscriminatorNodeHost(IHost host) => this.host = host;

    public ActorSystem System => host.Services.GetRequiredService<ActorSystem>();

    public static string HoconDirectory => Path.Combine(SimganProcess.RepoRoot, "hocon");

    public static async Task<DiscriminatorNodeHost> StartAsync(params string[] overrides)
    {
        var node = new NodeSettings
        {
            Roles = [Roles.Discriminator], HoconDirectory = HoconDirectory, SingleNode = true, Overrides = overrides, LogLevel = "WARNING",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSimGanCluster(node, new NoData(), coordinator: null);
        var host = builder.Build();
        try { await host.StartAsync(); }
        catch
        {
            host.Dispose();
            throw;
        }
        return new DiscriminatorNodeHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    /// <summary>A discriminator-only node never opens datasets; if it tries, the test should hear about it.</summary>
    private sealed class NoData : IRunData
    {
        public IImageSource Open(string spec, ulong seed, bool strict, int? channels) =>
            throw new InvalidOperationException("a discriminator node opened a dataset");

        public IBatchFeed Feed(IImageSource source, BatchPlan plan) =>
            throw new InvalidOperationException("a discriminator node asked for a feed");

        public IImageSource OpenCopy(string spec, ulong seed, bool strict, int? channels) =>
            throw new InvalidOperationException("a node without a training run opened a dataset");
    }
}
