using System.Diagnostics;
using SimGan.Core.Images;
using SimGan.Data.Feeding;

namespace SimGan.Data.Benchmarks;

/// <summary>How many batches per second a feed delivers when the consumer does nothing else.</summary>
public static class BatchFeedBenchmark
{
    public static double MeasurePrefetching(IImageSource source, int batchSize = 32, int batches = 200, int workers = 2, int depth = 8)
    {
        using var feed = new PrefetchingBatchFeed(source, new BatchPlan(1, "bench", batchSize, source.Count), workers, depth);
        return Measure(feed, batches);
    }

    public static double MeasureDirect(IImageSource source, int batchSize = 32, int batches = 200)
    {
        using var feed = new DirectBatchFeed(source, new BatchPlan(1, "bench", batchSize, source.Count));
        return Measure(feed, batches);
    }

    static double Measure(IBatchFeed feed, int batches)
    {
        for (int k = 0; k < 5; k++) feed.Take(k);
        var clock = Stopwatch.StartNew();
        for (int k = 5; k < 5 + batches; k++) feed.Take(k);
        return batches / clock.Elapsed.TotalSeconds;
    }
}
