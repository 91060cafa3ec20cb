using SimGan.Data.Hands;

namespace SimGan.Data.Benchmarks;

/// <summary>How fast a hand domain renders, on all cores (bench/hand_render.cs, docs/benchmarks.md).</summary>
public static class HandRendererBenchmark
{
    /// <summary>Renders <paramref name="images"/> images of the domain (after a short warm-up) and returns images/s.</summary>
    public static double Measure(HandDomain domain, int images = 20_000, int? threads = null, int size = HandDataset.DefaultSize) =>
        DatasetRenderBenchmark.Measure(new HandDataset(domain, null, 1, size), images, threads);
}
