using SimGan.Data.Eyes;

namespace SimGan.Data.Benchmarks;

/// <summary>How fast an eye domain renders, on all cores (for docs/benchmarks.md).</summary>
public static class EyeRendererBenchmark
{
    /// <summary>Renders <paramref name="images"/> images of the domain (after a short warm-up) and returns images/s.</summary>
    public static double Measure(EyeDomain domain, int images = 20_000, int? threads = null, int height = 35, int width = 55) =>
        DatasetRenderBenchmark.Measure(new EyeDataset(domain, null, 1, height, width), images, threads);
}
