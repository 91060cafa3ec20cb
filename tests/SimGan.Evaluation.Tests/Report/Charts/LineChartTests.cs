using SimGan.Evaluation.Report.Charts;

namespace SimGan.Evaluation.Tests.Report.Charts;

public class LineChartTests
{
    [Fact]
    public void Ticks_fall_on_round_steps()
    {
        Assert.Equal(new[] { 0.0, 0.1, 0.2, 0.3, 0.4 }, LineChart.Ticks(0, 0.4).Select(t => Math.Round(t, 9)));
        Assert.Equal(new[] { 0.0, 20, 40, 60, 80 }, LineChart.Ticks(0, 80));
        Assert.Equal(new[] { 0.0, 50, 100 }, LineChart.Ticks(0, 100));
    }

    [Fact]
    public void Fitted_bounds_widen_to_round_values_and_fixed_ranges_win()
    {
        var chart = new LineChart("t", "x", "y", [new ChartSeries("s", [(0, 0.013), (80, 0.371)], "#000000")]);
        var (xMin, xMax, yMin, yMax) = chart.Bounds();
        Assert.Equal((0.0, 80.0), (xMin, xMax));
        Assert.Equal(0.0, yMin, 1e-9);
        Assert.Equal(0.4, yMax, 1e-9);
        var fixedChart = chart with { YRange = (0, 1), XRange = (0, 100) };
        Assert.Equal((0.0, 100.0, 0.0, 1.0), fixedChart.Bounds());
    }

    [Fact]
    public void A_chart_without_finite_points_has_no_data()
    {
        Assert.False(new LineChart("t", "x", "y", [new ChartSeries("s", [(0, double.NaN)], "#000000")]).HasData);
        Assert.Equal((0.0, 1.0, 0.0, 1.0), new LineChart("t", "x", "y", []).Bounds());
    }
}
