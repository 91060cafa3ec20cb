using System.Diagnostics;
using SimGan.Data.Datasets;

namespace SimGan.Data.Benchmarks;

/// <summary>How fast a built-in generator renders its images, on all cores (the eye and hand benchmarks).</summary>
public static class DatasetRenderBenchmark
{
    /// <summary>Renders <paramref name="images"/> images of an endless set (after a short warm-up) and returns images/s.</summary>
    public static double Measure(IDataset dataset, int images, int? threads = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        void Render(long first, long count) =>
            Parallel.For(first, first + count, options, () => new float[dataset.Shape.Pixels],
                (index, _, pixels) => { dataset.ReadImage(index, pixels); return pixels; }, _ => { });
        Render(0, Math.Min(images, 500));
        var clock = Stopwatch.StartNew();
        Render(1_000_000, images);
        return images / clock.Elapsed.TotalSeconds;
    }
}
