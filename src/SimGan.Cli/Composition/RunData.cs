using SimGan.Cluster.Feeding;
using SimGan.Core.Images;
using SimGan.Data.Feeding;

namespace SimGan.Cli.Composition;

/// <summary>The program's dataset formats and read-ahead, lent to the cluster's feeder.</summary>
public sealed class RunData : IRunData
{
    public IImageSource Open(string spec, ulong seed, bool strict, int? channels) =>
        Datasets.Open(spec, seed, strict, channels ?? 1);

    public IBatchFeed Feed(IImageSource source, BatchPlan plan) => new PrefetchingBatchFeed(source, plan);
}
