namespace SimGan.Evaluation.Report.Charts;

/// <summary>One named line of (x, y) points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour);

/// <summary>
/// A chart as data, drawn by <see cref="SvgChart"/> for the HTML page and <see cref="PngChart"/> for files, so both
/// show the same thing.
/// </summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Fixed y range (e.g. 0..1 for fractions); null fits the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    public static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <summary>Fixed x range (e.g. the steps of a whole run, so that stacked panels line up); null fits the data.</summary>
    public (double Min, double Max)? XRange { get; init; }

    public bool HasData => Series.Any(s => s.Points.Any(p => double.IsFinite(p.X) && double.IsFinite(p.Y)));

    /// <summary>The axes' ranges: the fixed ones, or the data's widened to round tick values.</summary>
    public (double XMin, double XMax, double YMin, double YMax) Bounds()
    {
        var points = Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (xMin, xMax) = XRange ?? (points.Count == 0 ? (0, 1) : Rounded(points.Min(p => p.X), points.Max(p => p.X)));
        var (yMin, yMax) = YRange ?? (points.Count == 0 ? (0, 1) : Rounded(points.Min(p => p.Y), points.Max(p => p.Y)));
        return (xMin, xMax, yMin, yMax);
    }

    /// <summary>Tick values at a round step (1, 2 or 5 × 10^k) from min to max, about five of them.</summary>
    public static double[] Ticks(double min, double max)
    {
        double step = RoundStep((max - min) / 4);
        double first = Math.Ceiling(min / step - 1e-9) * step;
        var ticks = new List<double>();
        for (double t = first; t <= max + step * 1e-9; t += step) ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        return ticks.ToArray();
    }

    static (double, double) Rounded(double min, double max)
    {
        if (max <= min) { min -= 0.5; max += 0.5; }
        double step = RoundStep((max - min) / 4);
        return (Math.Floor(min / step + 1e-9) * step, Math.Ceiling(max / step - 1e-9) * step);
    }

    static double RoundStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (m * power >= raw * (1 - 1e-9)) return m * power;
        return 10 * power;
    }

    public static string FormatTick(double value) =>
        Math.Abs(value) >= 1000 || (value != 0 && Math.Abs(value) < 0.01)
            ? value.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
