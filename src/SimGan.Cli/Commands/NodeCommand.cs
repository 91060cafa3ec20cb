using System.CommandLine;
using SimGan.Cli.Composition;

namespace SimGan.Cli.Commands;

/// <summary><c>simgan node</c>: a worker node (refiner and discriminator slices, buffer shards, the feeder) that runs until it is stopped.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var cluster = new ClusterOptionSet(defaultRoles: "refiner,discriminator", defaultAdminPort: null);
        var command = new Command("node", "Run a worker node (refiner, discriminator, buffer and/or feeder roles) until SIGTERM or Ctrl+C; then leave the cluster and exit 0");
        cluster.AddTo(command);
        command.SetAction((p, cancel) => CliErrors.GuardAsync(async () =>
        {
            var node = cluster.Resolve(p, defaultPersistence: null, quietByDefault: false);
            if (node.Has(SimGan.Cluster.Hosting.Roles.Coordinator))
                throw new UserError("the coordinator role belongs to the driver: start it with `simgan train --engine cluster`");
            await using var host = await ClusterNodeHost.StartAsync(node, cluster.ResolveAdmin(p), coordinator: null, cancel);
            var self = Akka.Cluster.Cluster.Get(host.System).SelfAddress;
            Console.WriteLine($"node {self} is up with roles {string.Join(",", node.Roles)}" +
                              (host.AdminPort is { } a ? $"; admin API on {host.Admin!.BindAddress}:{a}{(host.Admin.HasToken ? "" : " (no token: anyone on this machine can use it)")}" : ""));
            var stopped = new TaskCompletionSource();
            _ = host.System.WhenTerminated.ContinueWith(_ => stopped.TrySetResult());
            using (cancel.Register(() => stopped.TrySetResult())) await stopped.Task;
            // A leave asked for elsewhere (`simgan ctl cluster leave`) also ends the actor system, but through the
            // cluster's leaving reason: that is a graceful exit, not being downed.
            bool downed = host.System.WhenTerminated.IsCompleted &&
                          Akka.Actor.CoordinatedShutdown.Get(host.System).ShutdownReason is not Akka.Actor.CoordinatedShutdown.ClusterLeavingReason;
            await host.StopAsync();
            Console.WriteLine(downed ? $"node {self} was removed from the cluster" : $"node {self} left the cluster");
            return downed ? CliErrors.Failed : 0;
        }));
        return command;
    }
}
