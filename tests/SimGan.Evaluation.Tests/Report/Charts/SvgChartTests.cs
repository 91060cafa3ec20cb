using System.Xml.Linq;
using SimGan.Evaluation.Report.Charts;

namespace SimGan.Evaluation.Tests.Report.Charts;

public class SvgChartTests
{
    [Fact]
    public void Chart_is_well_formed_svg_with_one_polyline_per_series_and_escaped_text()
    {
        var chart = new LineChart("A <b> & c", "x", "y",
        [
            new ChartSeries("one", [(0, 0), (1, 1)], "#000000"),
            new ChartSeries("two", [(0, 1), (1, double.NaN), (2, 0)], "#ff0000"),
        ]);
        var svg = XElement.Parse(Chart(chart));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "A <b> & c");
        Assert.Equal(2, svg.Descendants(ns + "polyline").Last().Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void Fixed_range_puts_values_at_the_plot_edges()
    {
        var chart = new LineChart("t", "x", "y", [new ChartSeries("s", [(0, 0), (10, 100)], "#000000")]) { YRange = (0, 100) };
        var points = XElement.Parse(Chart(chart)).Descendants().First(e => e.Name.LocalName == "polyline").Attribute("points")!.Value;
        Assert.Equal("60,255 390,30", points);
    }

    static string Chart(LineChart chart) => SvgChart.Render(chart);
}
