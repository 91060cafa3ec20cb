using System.Text.Json;
using SimGan.Core.Benchmarks;
using SimGan.Core.Images;
using SimGan.Core.Networks;

namespace SimGan.Core.Tests.Benchmarks;

public class BenchmarkTests
{
    [Fact]
    public void Flop_count_of_the_gaze_networks_matches_a_hand_count()
    {
        var shape = new ImageShape(1, 35, 55);
        var r = FlopCount.Refiner(RefinerSpec.Gaze(), shape);
        var d = FlopCount.Discriminator(DiscriminatorSpec.Gaze(), shape);
        const double pixels = 35 * 55;
        // 1→64 3×3, 8 × 64→64 3×3, 64→1 1×1, all at full size.
        double rForward = 2 * pixels * (9 * 64 + 8 * 9 * 64 * 64 + 64);
        Assert.Equal(rForward, FlopCount.Forward(r), 1e-6);
        // 35×55 → 18×28 (3×3 s2) → 9×14 (3×3 s2), then pooling and the s1 layers keep 9×14.
        double dForward = 2 * (18 * 28 * 9 * 1 * 96 + 9 * 14 * (9 * 96 * 64 + 9 * 64 * 32 + 32 * 32 + 32 * 2));
        Assert.Equal(dForward, FlopCount.Forward(d), 1e-6);
        Assert.Equal(32 * (3 * rForward - 2 * pixels * 9 * 64 + 2 * dForward), FlopCount.RefinerStep(r, d, 32), 1e-3);
        double dFirst = 2 * 18 * 28 * 9 * 96;
        Assert.Equal(16 * rForward + 64 * (3 * dForward - dFirst), FlopCount.DiscriminatorStep(r, d, 32), 1e-3);
        Assert.Equal(32 * 2 * pixels * 9 * 64 * 64, FlopCount.BareConvolution(64, 3, shape, 32), 1e-3);
    }

    [Fact]
    public void A_tiny_run_reports_every_quantity_for_each_layout_and_serialises()
    {
        var report = StepBenchmark.Run(new BenchmarkOptions
        {
            Preset = "cpu-gaze", Shape = new ImageShape(1, 12, 16), BatchSizes = [4], Iterations = 2, Warmup = 1,
            RetainFreedMemory = false, // process-wide; the test host should keep its usual allocator
        });
        var batch = Assert.Single(report.Batches);
        Assert.Equal(2, batch.Yardsticks.Count);
        Assert.Equal(["contiguous", "channels-last"], batch.Layouts.Select(l => l.Layout));
        Assert.All(batch.Layouts, l =>
        {
            Assert.True(l.TrainingStepGflopPerSecond.Median > 0);
            Assert.True(l.RefinerStepImagesPerSecond.Min <= l.RefinerStepImagesPerSecond.Median);
            Assert.True(l.RefinerStepImagesPerSecond.Median <= l.RefinerStepImagesPerSecond.Max);
        });
        Assert.Contains("channels-last", report.ToText());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(4, json.RootElement.GetProperty("batches")[0].GetProperty("batch_size").GetInt32());
    }

    [Fact]
    public void Statistics_are_median_and_range()
    {
        var s = Stat.Of([5, 1, 3, 2, 4]);
        Assert.Equal((3.0, 1.0, 5.0, 2.0, 4.0), (s.Median, s.Min, s.Max, s.P25, s.P75));
    }
}
