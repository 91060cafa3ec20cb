using System.Globalization;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Report.Charts;
using SimGan.Evaluation.Tests.TestData;
using SkiaSharp;

namespace SimGan.Evaluation.Tests.Report;

public class LossCurvePlotTests
{
    [Fact]
    public void Renders_a_png_with_the_three_loss_curves_drawn()
    {
        using var folder = new TempDirectory();
        string metrics = folder.File("metrics.jsonl");
        File.WriteAllLines(metrics, Enumerable.Range(1, 50).Select(step => string.Create(CultureInfo.InvariantCulture,
            $$"""{"step":{{step}},"phase":"adversarial","loss_d":{{1.0 / step}},"loss_r_adv":{{step * 0.01}},"loss_r_reg":{{0.5 / Math.Sqrt(step)}},"images_per_s":50,"k_g":1}""")));
        string png = folder.File("plots/loss.png");

        LossCurvePlot.Render(metrics, png);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(720, bitmap.Width);
        Assert.Equal(3 * 260, bitmap.Height);
        foreach (var (panel, colour) in new[] { (0, LineChart.Palette[0]), (1, LineChart.Palette[1]), (2, LineChart.Palette[2]) })
            Assert.True(CountNear(bitmap, SKColor.Parse(colour), panel * 260, (panel + 1) * 260) > 100,
                $"panel {panel} has no curve in {colour}");
    }

    [Fact]
    public void Downsampling_averages_equal_buckets()
    {
        var points = Enumerable.Range(0, 10).Select(i => ((double)i, (double)(i * 2))).ToList();
        var reduced = LossCurvePlot.Downsample(points, 5);
        Assert.Equal(5, reduced.Count);
        Assert.Equal((0.5, 1.0), reduced[0]);
        Assert.Equal((8.5, 17.0), reduced[4]);
        Assert.Same(points, LossCurvePlot.Downsample(points, 10));
    }

    static int CountNear(SKBitmap bitmap, SKColor colour, int fromRow, int toRow)
    {
        int count = 0;
        for (int y = fromRow; y < toRow; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 30) count++;
            }
        return count;
    }
}
