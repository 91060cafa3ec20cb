using SkiaSharp;

namespace SimGan.Evaluation.Report.Charts;

/// <summary>Draws <see cref="LineChart"/>s stacked vertically into one PNG (for files outside the HTML page).</summary>
public static class PngChart
{
    const int Width = 720, PanelHeight = 260, Left = 70, Right = 150, Top = 30, Bottom = 40;

    public static byte[] Render(IReadOnlyList<LineChart> panels)
    {
        int height = Math.Max(1, panels.Count) * PanelHeight;
        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
            DrawPanel(canvas, panels[i], i * PanelHeight);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static void DrawPanel(SKCanvas canvas, LineChart chart, float offsetY)
    {
        var (xMin, xMax, yMin, yMax) = chart.Bounds();
        float plotW = Width - Left - Right, plotH = PanelHeight - Top - Bottom;
        float X(double x) => (float)(Left + (x - xMin) / (xMax - xMin) * plotW);
        float Y(double y) => (float)(offsetY + Top + plotH - (Math.Clamp(y, yMin, yMax) - yMin) / (yMax - yMin) * plotH);

        using var frame = new SKPaint { Color = new SKColor(0x99, 0x99, 0x99), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xEE, 0xEE, 0xEE), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var text = new SKPaint { Color = SKColors.Black, TextSize = 12, IsAntialias = true };
        using var title = new SKPaint { Color = SKColors.Black, TextSize = 14, IsAntialias = true, FakeBoldText = true };

        canvas.DrawText(chart.Title, Left, offsetY + 18, title);
        foreach (double t in LineChart.Ticks(yMin, yMax))
        {
            canvas.DrawLine(Left, Y(t), Left + plotW, Y(t), grid);
            string label = LineChart.FormatTick(t);
            canvas.DrawText(label, Left - 6 - text.MeasureText(label), Y(t) + 4, text);
        }
        foreach (double t in LineChart.Ticks(xMin, xMax))
        {
            string label = LineChart.FormatTick(t);
            canvas.DrawText(label, X(t) - text.MeasureText(label) / 2, offsetY + Top + plotH + 15, text);
        }
        canvas.DrawRect(Left, offsetY + Top, plotW, plotH, frame);
        if (!chart.HasData)
        {
            using var faint = new SKPaint { Color = new SKColor(0x99, 0x99, 0x99), TextSize = 12, IsAntialias = true };
            canvas.DrawText("no values", Left + plotW / 2 - faint.MeasureText("no values") / 2, offsetY + Top + plotH / 2, faint);
        }
        canvas.DrawText(chart.XLabel, Left + plotW / 2 - text.MeasureText(chart.XLabel) / 2, offsetY + PanelHeight - 8, text);

        for (int s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            using var line = new SKPaint { Color = SKColor.Parse(series.Colour), Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true };
            using var path = new SKPath();
            bool started = false;
            foreach (var (x, y) in series.Points)
            {
                if (!double.IsFinite(x) || !double.IsFinite(y)) { started = false; continue; }
                if (started) path.LineTo(X(x), Y(y)); else path.MoveTo(X(x), Y(y));
                started = true;
            }
            canvas.DrawPath(path, line);
            float legendY = offsetY + Top + 10 + 16 * s;
            canvas.DrawLine(Left + plotW + 10, legendY, Left + plotW + 28, legendY, line);
            canvas.DrawText(series.Name, Left + plotW + 32, legendY + 4, text);
        }
    }
}
