using SimGan.Evaluation.Pose;

namespace SimGan.Evaluation.Tests.Pose;

public class HeatmapPeakTests
{
    /// <summary>Logits whose softmax is a Gaussian of σ = 1 cell around (cx, cy), as the estimator is trained to output.</summary>
    static float[] GaussianLogits(int h, int w, double cx, double cy, double offset = 0)
    {
        var map = new float[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                map[y * w + x] = (float)(offset - ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 2);
        return map;
    }

    [Theory]
    [InlineData(10.0, 7.0)]
    [InlineData(10.3, 7.6)]
    [InlineData(20.45, 3.9)]
    [InlineData(5.5, 25.5)]
    public void A_peak_between_cells_is_found_to_a_small_fraction_of_a_cell(double cx, double cy)
    {
        var (x, y) = HeatmapPeak.Of(GaussianLogits(32, 32, cx, cy, offset: 4), 32, 32);
        // The old whole-cell rule (maximum plus a quarter cell) missed 10.3 by 0.05 and 7.6 by 0.15, 20.45 by 0.2.
        Assert.Equal(cx, x, 0.02);
        Assert.Equal(cy, y, 0.02);
    }

    [Fact]
    public void Two_nearly_equal_heatmaps_give_nearly_equal_peaks()
    {
        // Centres 0.1 cell apart on each side of a cell boundary: a whole-cell rule puts them a cell or more apart.
        var (x1, _) = HeatmapPeak.Of(GaussianLogits(32, 32, 12.45, 12), 32, 32);
        var (x2, _) = HeatmapPeak.Of(GaussianLogits(32, 32, 12.55, 12), 32, 32);
        Assert.InRange(x2 - x1, 0.08, 0.12);
    }

    [Fact]
    public void A_peak_at_the_border_stays_inside_the_map()
    {
        var (x, y) = HeatmapPeak.Of(GaussianLogits(16, 16, 0, 15), 16, 16);
        Assert.InRange(x, 0, 0.6);
        Assert.InRange(y, 14.4, 15);
    }

    [Fact]
    public void A_map_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HeatmapPeak.Of(new float[10], 4, 4));
    }
}
