using System.Globalization;
using System.Text;

using SimGan.Evaluation.Report;

namespace SimGan.Evaluation.Report.Charts;

/// <summary>Draws a <see cref="LineChart"/> as inline SVG: no script, no external file, readable offline.</summary>
public static class SvgChart
{
    const int Width = 520, Height = 300, Left = 60, Right = 130, Top = 30, Bottom = 45;

    public static string Render(LineChart chart)
    {
        var (xMin, xMax, yMin, yMax) = chart.Bounds();
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string X(double x) => F(Left + (x - xMin) / (xMax - xMin) * plotW);
        string Y(double y) => F(Top + plotH - (Math.Clamp(y, yMin, yMax) - yMin) / (yMax - yMin) * plotH);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<text x=\"{Left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{E(chart.Title)}</text>");
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotW)}\" height=\"{F(plotH)}\" fill=\"none\" stroke=\"#999\"/>");
        foreach (double t in LineChart.Ticks(xMin, xMax))
            svg.Append($"<text x=\"{X(t)}\" y=\"{Top + plotH + 15}\" text-anchor=\"middle\">{LineChart.FormatTick(t)}</text>");
        foreach (double t in LineChart.Ticks(yMin, yMax))
        {
            svg.Append($"<line x1=\"{Left}\" x2=\"{F(Left + plotW)}\" y1=\"{Y(t)}\" y2=\"{Y(t)}\" stroke=\"#eee\"/>");
            svg.Append($"<text x=\"{Left - 5}\" y=\"{Y(t)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{LineChart.FormatTick(t)}</text>");
        }
        svg.Append($"<text x=\"{F(Left + plotW / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">{E(chart.XLabel)}</text>");
        svg.Append($"<text transform=\"translate(14 {F(Top + plotH / 2)}) rotate(-90)\" text-anchor=\"middle\">{E(chart.YLabel)}</text>");
        for (int s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var finite = series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (finite.Count > 0)
                svg.Append($"<polyline fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"1.5\" points=\"{string.Join(' ', finite.Select(p => $"{X(p.X)},{Y(p.Y)}"))}\"/>");
            double legendY = Top + 10 + 16 * s;
            svg.Append($"<line x1=\"{F(Left + plotW + 10)}\" x2=\"{F(Left + plotW + 28)}\" y1=\"{F(legendY)}\" y2=\"{F(legendY)}\" stroke=\"{series.Colour}\" stroke-width=\"2\"/>");
            svg.Append($"<text x=\"{F(Left + plotW + 32)}\" y=\"{F(legendY)}\" dominant-baseline=\"middle\">{E(series.Name)}</text>");
        }
        if (!chart.HasData)
            svg.Append($"<text x=\"{F(Left + plotW / 2)}\" y=\"{F(Top + plotH / 2)}\" text-anchor=\"middle\" fill=\"#999\">no values</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string E(string text) => Html.Escape(text);
}
