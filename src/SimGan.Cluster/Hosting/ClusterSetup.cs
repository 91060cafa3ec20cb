using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SimGan.Cluster.Feeding;
using SimGan.Cluster.HistoryBuffer;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Refining;
using SimGan.Cluster.Serialization;
using SimGan.Cluster.Training;
using SimGan.Cluster.Workers;

namespace SimGan.Cluster.Hosting;

/// <summary>
/// Wires a node with Akka.Hosting: the table of contents of what runs where. HOCON (hocon/*.conf) holds the
/// tunables; this holds the structure.
/// </summary>
public static class ClusterSetup
{
    public const string CoordinatorName = "training-coordinator";
    public const string FeederName = "feeder";
    public const string BufferTypeName = "simgan-buffer";

    /// <summary>Where the node listens, and mutual TLS when it has a certificate (<see cref="NodeTls"/>).</summary>
    private static RemoteOptions Remoting(NodeSettings node)
    {
        var remoting = new RemoteOptions { HostName = node.Hostname, PublicHostName = node.PublicHostname, Port = node.Port };
        if (node.Tls is not { } tls) return remoting;
        remoting.EnableSsl = true;
        remoting.Ssl = new SslOptions
        {
            X509Certificate = tls.Certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = (peer, _, _, _, _) => tls.Trusts(peer),
        };
        return remoting;
    }

    /// <param name="coordinator">The run to drive; only the driver (coordinator role) has one.</param>
    public static IServiceCollection AddSimGanCluster(this IServiceCollection services, NodeSettings node, IRunData data,
                                                     CoordinatorSettings? coordinator)
    {
        if (node.Has(Roles.Coordinator) && coordinator is null)
            throw new ArgumentException("the coordinator role runs the training loop; only `simgan train` can take it");
        if (node.Has(Roles.Buffer) && node.Persistence is null)
            throw new ArgumentException("the buffer role persists its shards: give --persistence");
        var config = NodeConfiguration.Build(node);

        services.AddAkka(node.ClusterName, (builder, _) =>
        {
            // Akka's log goes through Microsoft.Extensions.Logging, so it lands where the program sends its own.
            builder.ConfigureLoggers(loggers =>
                   {
                       loggers.ClearLoggers();
                       loggers.AddLoggerFactory();
                   })
                   .AddHocon(config, HoconAddMode.Prepend)
                   .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
                   .WithRemoting(Remoting(node))
                   .WithClustering(new ClusterOptions
                   {
                       Roles = node.Roles,
                       SeedNodes = SeedAddresses(node),
                   })
                   .WithCustomSerializer("simgan", [typeof(ISimGanMessage)], system => new ProtocolSerializer(system))
                   .WithActorSystemLivenessCheck()
                   .WithAkkaClusterReadinessCheck();

            if (node.Discovery == "kubernetes")
                builder.WithAkkaManagement(port: 8558)
                       .WithClusterBootstrap(serviceName: node.ClusterName, portName: "management")
                       .WithKubernetesDiscovery();

            // The feeder: a singleton on the feeder role, reached through a proxy everywhere else.
            if (node.Has(Roles.Feeder))
                builder.WithSingleton<FeederKey>(FeederName, (_, _, _) => FeederActor.Props(data),
                    new ClusterSingletonOptions { Role = Roles.Feeder }, createProxyToo: true);
            else
                builder.WithSingletonProxy<FeederKey>(FeederName, new ClusterSingletonOptions { Role = Roles.Feeder });

            // The history buffer: entities sharded over the buffer role.
            var extractor = new BufferMessageExtractor();
            if (node.Has(Roles.Buffer))
                builder.WithShardRegion<BufferRegionKey>(BufferTypeName, BufferShardActor.Props, extractor,
                    new ShardOptions { Role = Roles.Buffer, StateStoreMode = StateStoreMode.DData, RememberEntities = false });
            else
                builder.WithShardRegionProxy<BufferRegionKey>(BufferTypeName, Roles.Buffer, extractor);

            // The coordinator: a persistent singleton on the coordinator role (the driver).
            if (coordinator is not null)
                builder.WithSingleton<CoordinatorKey>(CoordinatorName,
                    (_, registry, _) => TrainingCoordinator.Props(coordinator, registry.Get<FeederKey>(), registry.Get<BufferRegionKey>()),
                    new ClusterSingletonOptions { Role = Roles.Coordinator }, createProxyToo: true);
            else
                builder.WithSingletonProxy<CoordinatorKey>(CoordinatorName, new ClusterSingletonOptions { Role = Roles.Coordinator });

            // Refiner and discriminator nodes compute slices of R's and D's steps; one actor does both kinds, one actor
            // (on a thread of its own) per device the node computes on, each a worker of its own to the coordinator.
            if (Roles.Computes(node.Roles))
            {
                var retry = config.GetTimeSpan("simgan.training.request-timeout", TimeSpan.FromSeconds(10));
                builder.WithActors((system, registry) =>
                {
                    for (int i = 0; i < node.Devices.Count; i++)
                    {
                        var worker = system.ActorOf(
                            SliceWorkerActor.Props(registry.Get<CoordinatorKey>(), registry.Get<FeederKey>(), registry.Get<BufferRegionKey>(), data,
                                                   node.Has(Roles.Refiner), node.Has(Roles.Discriminator), retry, node.Devices[i])
                                .WithDispatcher(SliceWorkerActor.Dispatcher),
                            i == 0 ? "slice-worker" : $"slice-worker-{i}");
                        if (i == 0) registry.Register<WorkerKey>(worker);
                    }
                });
            }
            // A discriminator node also refines for `simgan refine --engine cluster` drivers, which find it by its path.
            if (node.Has(Roles.Discriminator))
                builder.WithActors((system, registry) =>
                    registry.Register<RefineWorkerKey>(system.ActorOf(RefineWorkerActor.Props(node.Device), RefineWorkerActor.Name)));
        });
        return services;
    }

    /// <summary>Seeds as Akka addresses; a single node with none seeds itself once its port is known.</summary>
    /// <exception cref="ArgumentException">A seed is not HOST:PORT (callers check this before starting anything).</exception>
    public static string[] SeedAddresses(NodeSettings node) =>
        node.Seeds.Select(seed =>
        {
            int colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out int port) || port is <= 0 or > 65535)
                throw new ArgumentException($"--seeds '{seed}': expected HOST:PORT");
            // TLS nodes speak their own protocol: a plain address would find no transport to reach them with.
            return $"{(node.Tls is null ? "akka.tcp" : "akka.ssl.tcp")}://{node.ClusterName}@{seed}";
        }).ToArray();
}
