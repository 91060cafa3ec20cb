using SimGan.Evaluation.Report.Charts;

namespace SimGan.Evaluation.Report;

/// <summary>
/// The training loss curves of a run (the paper's Fig. 7 shape): one panel for the discriminator's loss, one for
/// the refiner's adversarial loss and one for its self-regularisation loss, since their scales differ.
/// </summary>
public static class LossCurvePlot
{
    /// <summary>Long runs are averaged into at most this many points per curve: smoother, and a page stays small.</summary>
    public const int MaxPointsPerCurve = 600;

    /// <summary>Reads metrics.jsonl and writes the curves as a PNG.</summary>
    public static void Render(string metricsJsonlPath, string pngPath)
    {
        var metrics = TrainingMetrics.Read(metricsJsonlPath, out _);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(pngPath, PngChart.Render(Charts(metrics)));
    }

    /// <summary>The three panels, on one step axis so that they line up (a loss absent in pretraining shows as a gap).</summary>
    public static IReadOnlyList<LineChart> Charts(IReadOnlyList<TrainingMetric> metrics)
    {
        (double, double)? steps = metrics.Count == 0 ? null : (metrics.Min(m => m.Step), Math.Max(metrics.Max(m => m.Step), metrics.Min(m => m.Step) + 1));
        return
        [
            Panel("Discriminator loss", "loss_d", metrics, m => m.LossD, LineChart.Palette[0], steps),
            Panel("Refiner adversarial loss", "loss_r_adv", metrics, m => m.LossRAdv, LineChart.Palette[1], steps),
            Panel("Refiner self-regularisation loss", "loss_r_reg", metrics, m => m.LossRReg, LineChart.Palette[2], steps),
        ];
    }

    static LineChart Panel(string title, string key, IReadOnlyList<TrainingMetric> metrics,
        Func<TrainingMetric, double?> value, string colour, (double, double)? steps)
    {
        var points = metrics
            .Where(m => value(m) is double v && double.IsFinite(v))
            .Select(m => ((double)m.Step, value(m)!.Value))
            .ToList();
        return new LineChart(title, "step", key, [new ChartSeries(key, Downsample(points), colour)]) { XRange = steps };
    }

    /// <summary>Averages consecutive points in equal-count buckets.</summary>
    public static IReadOnlyList<(double X, double Y)> Downsample(IReadOnlyList<(double X, double Y)> points, int max = MaxPointsPerCurve)
    {
        if (points.Count <= max) return points;
        var result = new List<(double, double)>(max);
        for (int b = 0; b < max; b++)
        {
            int from = (int)((long)points.Count * b / max), to = (int)((long)points.Count * (b + 1) / max);
            double sx = 0, sy = 0;
            for (int i = from; i < to; i++) { sx += points[i].X; sy += points[i].Y; }
            result.Add((sx / (to - from), sy / (to - from)));
        }
        return result;
    }
}
