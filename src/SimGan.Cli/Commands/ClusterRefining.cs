using Akka.Actor;
using SimGan.Admin.Server;
using SimGan.Cli.Composition;
using SimGan.Cli.Terminal;
using SimGan.Cluster.Hosting;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Refining;
using SimGan.Core.Export;
using SimGan.Core.Training;
using SimGan.Data.Datasets;
using SimGan.Data.Refining;

namespace SimGan.Cli.Commands;

/// <summary>
/// `simgan refine --engine cluster`: this process is the driver. It reads and writes the dataset exactly as the
/// local refine does (<see cref="DatasetRefinement"/>, same batches, written in the same order) and only the
/// forward passes go to refine workers, the discriminator nodes; a single node (no --seeds) is its own worker.
/// </summary>
public static class ClusterRefining
{
    private static readonly TimeSpan DefaultBatchTimeout = TimeSpan.FromSeconds(60);

    public static async Task<RefinementResult> RunAsync(RefinerModel model, IDataset input, string outputDirectory, int batchSize,
                                                        int workersWanted, NodeSettings node, AdminOptions? admin, bool quiet,
                                                        CancellationToken cancel)
    {
        // The driver has no training singletons to find: their proxies' "not found yet" warnings would only be noise.
        node = node with { Overrides = ["akka.cluster.singleton-proxy.log-singleton-identification-failure=off", .. node.Overrides] };
        var spec = model.Refiner.Spec;
        var weights = new RefinerWeights(model.Checksum, spec.Channels, spec.Width, spec.Blocks, spec.Kernel, spec.EqualizeOutput, spec.NoiseChannels,
            WeightVector.ReadWeights(model.Refiner));

        await using var host = await ClusterNodeHost.StartAsync(node, admin, coordinator: null, cancel);
        var config = host.System.Settings.Config;
        var batchTimeout = config.GetTimeSpan("simgan.refine.batch-timeout", DefaultBatchTimeout);
        var dispatcher = host.System.ActorOf(
            RefineDispatcherActor.Props(weights, job: Guid.NewGuid().ToString("N"), batchTimeout, m => Console.Error.WriteLine($"warning: {m}")),
            "refine-dispatcher");
        if (!quiet)
        {
            var self = Akka.Cluster.Cluster.Get(host.System).SelfAddress;
            Console.WriteLine($"driver {self} is up (roles {(node.Roles.Length == 0 ? "none" : string.Join(",", node.Roles))})" +
                              (host.AdminPort is { } a ? $"; admin API on {host.Admin!.BindAddress}:{a}" : "") +
                              $"; waiting for {workersWanted} refine worker(s)");
        }
        await WaitForWorkers(dispatcher, workersWanted, config.GetTimeSpan("simgan.workers-timeout", TimeSpan.FromMinutes(10)), cancel);

        long batch = 0;
        var refinement = new DatasetRefinement(input, outputDirectory, model.Checksum, batchSize, Datasets.OutputStage(model));
        // Two batches per worker: one being refined, one on its way, so no worker waits on the wire.
        var result = ProgressReporter.Run(quiet, "refining", report =>
            refinement.RunAsync((pixels, count, shape) => dispatcher.Ask<float[]>(new RefineDispatcherActor.Submit(batch++, pixels, count, shape), cancel),
                                inFlight: 2 * workersWanted,
                                (done, total) => report($"refined {done}/{total}", (double)done / total), cancel)
                      .GetAwaiter().GetResult());
        await host.StopAsync();
        return result;
    }

    private static async Task WaitForWorkers(IActorRef dispatcher, int wanted, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + timeout;
        int count = 0;
        while (!cancel.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            count = await dispatcher.Ask<int>(RefineDispatcherActor.CountWorkers.Instance, TimeSpan.FromSeconds(10), cancel);
            if (count >= wanted) return;
            await Task.Delay(200, cancel);
        }
        cancel.ThrowIfCancellationRequested();
        throw new UserError($"only {count} of {wanted} refine worker(s) joined within {timeout.TotalSeconds:0} s " +
                            "(start them with `simgan node --roles discriminator --seeds ...`)");
    }
}
