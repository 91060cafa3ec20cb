using SimGan.Cluster.Feeding;
using SimGan.Core.Images;
using SimGan.Data.Feeding;

namespace SimGan.Cli.Composition;

/// <summary>The program's dataset formats and read-ahead, lent to the cluster's feeder.</summary>
public sealed class RunData : IRunData
{
    private readonly List<SimGan.Data.Datasets.IDataset> opened = new();

    /// <summary>The datasets this process's feeder opened, so the driver can list the samples they skipped.</summary>
    public IReadOnlyList<SimGan.Data.Datasets.IDataset> Opened { get { lock (opened) return opened.ToList(); } }

    public IImageSource Open(string spec, ulong seed, bool strict, int? channels)
    {
        var dataset = Datasets.Open(spec, seed, strict, channels ?? 1);
        lock (opened) opened.Add(dataset);
        return dataset;
    }

    public IBatchFeed Feed(IImageSource source, BatchPlan plan) => new PrefetchingBatchFeed(source, plan);

    public IImageSource OpenCopy(string spec, ulong seed, bool strict, int? channels) => Datasets.Open(spec, seed, strict, channels ?? 1);
}
