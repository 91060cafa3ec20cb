using System.Diagnostics;
using SimGan.Data.Eyes;

namespace SimGan.Data.Benchmarks;

/// <summary>How fast an eye domain renders, on all cores (for `simgan bench` and docs/benchmarks.md).</summary>
public static class EyeRendererBenchmark
{
    /// <summary>Renders <paramref name="images"/> images of the domain (after a short warm-up) and returns images/s.</summary>
    public static double Measure(EyeDomain domain, int images = 20_000, int? threads = null, int height = 35, int width = 55)
    {
        var dataset = new EyeDataset(domain, null, 1, height, width);
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
