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

    public (double XMin, double XMax, double YMin, double YMax) Bounds()
    {
        var points = Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (points.Count == 0) return (0, 1, YRange?.Min ?? 0, YRange?.Max ?? 1);
        double xMin = points.Min(p => p.X), xMax = points.Max(p => p.X);
        double yMin = YRange?.Min ?? points.Min(p => p.Y), yMax = YRange?.Max ?? points.Max(p => p.Y);
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) { yMin -= 0.5; yMax += 0.5; }
        return (xMin, xMax, yMin, yMax);
    }

    /// <summary>Five evenly spaced tick values from min to max.</summary>
    public static double[] Ticks(double min, double max) =>
        Enumerable.Range(0, 5).Select(i => min + (max - min) * i / 4).ToArray();

    public static string FormatTick(double value) =>
        Math.Abs(value) >= 1000 || (value != 0 && Math.Abs(value) < 0.01)
            ? value.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
