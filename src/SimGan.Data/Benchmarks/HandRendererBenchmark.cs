using System.Diagnostics;
using SimGan.Data.Hands;

namespace SimGan.Data.Benchmarks;

/// <summary>How fast a hand domain renders, on all cores (bench/hand_render.cs, docs/benchmarks.md).</summary>
public static class HandRendererBenchmark
{
    /// <summary>Renders <paramref name="images"/> images of the domain (after a short warm-up) and returns images/s.</summary>
    public static double Measure(HandDomain domain, int images = 20_000, int? threads = null, int size = HandDataset.DefaultSize)
    {
        var dataset = new HandDataset(domain, null, 1, size);
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
