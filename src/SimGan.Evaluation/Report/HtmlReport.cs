using System.Globalization;
using System.Text;
using System.Text.Json;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Report.Charts;

namespace SimGan.Evaluation.Report;

/// <summary>
/// report.html: one self-contained page (images as data URIs, charts as inline SVG, no script) that shows what
/// report.json says in the paper's form, next to sample images and the run's loss curves.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";

    public static string Write(string directory, EvaluationResults results, IReadOnlyList<SampleTriple> samples,
        IReadOnlyList<TrainingMetric>? metrics)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Render(results, samples, metrics));
        return path;
    }

    public static string Render(EvaluationResults r, IReadOnlyList<SampleTriple> samples, IReadOnlyList<TrainingMetric>? metrics)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>SimGAN evaluation report</title>
            <style>
            body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
            th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold;padding:4px 0}
            img.sample{image-rendering:pixelated;width:165px;border:1px solid #ccc}
            .note{color:#666;font-size:90%}pre{background:#f6f6f6;padding:1em;overflow:auto}
            .charts svg{margin-right:1em;vertical-align:top}
            </style></head><body>
            <h1>SimGAN evaluation report</h1>
            """);
        html.Append($"<p class=\"note\">Written {E(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}. " +
                    $"Synthetic: <code>{E(r.Sources.Synthetic)}</code>, refined: <code>{E(r.Sources.Refined)}</code>, " +
                    $"real test: <code>{E(r.Sources.RealTest)}</code>.</p>");
        GazeSection(html, r);
        RealismSection(html, r);
        LabelSection(html, r);
        SamplesSection(html, samples);
        LossSection(html, metrics, r.Sources.Metrics);
        SettingsSection(html, r);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    static void GazeSection(StringBuilder html, EvaluationResults r)
    {
        html.Append("<h2>Gaze estimation on real test images</h2>");
        if (r.GazeSkippedReason is { } reason)
        {
            // An empty table or a curve of nothing would read as a result; one sentence says what is missing and why.
            html.Append($"<p>Gaze accuracy is not shown because {E(reason)}: realism and label preservation are measured, " +
                        "gaze error needs a labelled real test set.</p>");
            return;
        }
        int k = r.Settings.DataMultiplier;
        var rows = new List<(string Label, GazeRow Row)>();
        if (r.SyntheticGaze is { } synthetic) rows.Add(("Synthetic data", synthetic));
        if (r.SyntheticGazeMultiplied is { } s4) rows.Add(($"Synthetic data {k}×", s4));
        if (r.RefinedGaze is { } refined) rows.Add(("Refined synthetic data", refined));
        if (r.RefinedGazeMultiplied is { } r4) rows.Add(($"Refined synthetic data {k}×", r4));
        if (r.RealGaze is { } real) rows.Add(("Real data (oracle)", real));

        html.Append("<p>A gaze CNN trained on each set with the same seed and budget, tested on the labelled real test images " +
                    "(paper, Table 3: 62.3 % → 69.4 % within 7°, 11.2° → 7.8° mean error on MPIIGaze).</p>");
        html.Append("<table><caption>Training data vs. error on real images</caption>" +
                    "<tr><th>Training data</th><th>Training images</th><th>% of images within 7° error</th><th>Mean error (°)</th></tr>");
        foreach (var (label, row) in rows)
            html.Append($"<tr><td>{E(label)}</td><td>{row.TrainImages}</td><td>{Pct(row.Result.WithinDeg(7))}</td><td>{Num(row.Result.MeanErrorDeg, "0.00")}</td></tr>");
        html.Append("</table>");

        var series = rows.Select((x, i) => new ChartSeries(x.Label,
            x.Row.Result.Cumulative().Select((f, d) => ((double)d, 100 * f)).ToList(), LineChart.Palette[i % LineChart.Palette.Length])).ToList();
        html.Append("<div class=\"charts\">");
        html.Append(SvgChart.Render(new LineChart("Cumulative error on real test images", "distance from ground truth (degrees)",
            "% of images", series) { YRange = (0, 100) }));
        html.Append("</div>");
    }

    static void RealismSection(StringBuilder html, EvaluationResults r)
    {
        int folds = r.Settings.Realism.Folds;
        html.Append("<h2>Realism: automatic visual Turing test</h2>");
        html.Append(folds == 1
            ? "<p>A fresh small CNN learns to tell real images from the other set on half of the images and is scored on the other half. "
            : $"<p>{folds}-fold cross-validation: for each fold a fresh small CNN learns to tell real images from the other set " +
              $"on the other {folds - 1} folds and is scored on that fold, so every image is scored once. ");
        html.Append("50 % means it cannot tell them apart (the paper's human subjects: 51.7 % for refined, " +
                    "81 % for synthetic images).</p>");
        html.Append("<table><caption>Held-out classification accuracy</caption>" +
                    "<tr><th>Comparison</th><th>Accuracy</th><th>95 % CI (Wilson)</th><th>Correct / tested</th>" +
                    (folds == 1 ? "<th>Trained on</th>" : "<th>Trained on (each CNN)</th>") + "</tr>");
        RealismRow(html, "Synthetic vs real", r.SyntheticVsReal);
        RealismRow(html, "Refined vs real", r.RefinedVsReal);
        html.Append("</table>");
    }

    static void RealismRow(StringBuilder html, string label, RealismResult result) =>
        html.Append($"<tr><td>{label}</td><td>{Pct(result.Accuracy)}</td><td>{Pct(result.CiLow)} – {Pct(result.CiHigh)}</td>" +
                    $"<td>{result.Correct} / {result.Tested}</td><td>{result.TrainedOn}</td></tr>");

    static void LabelSection(StringBuilder html, EvaluationResults r)
    {
        var labels = r.Labels;
        html.Append("<h2>Label preservation</h2>");
        html.Append("<p>The same dark-blob pupil detector run on each synthetic image and on its refined version " +
                    "(paper: 1.1 ± 0.8 px at 55 px eye width).</p>");
        html.Append("<table><tr><th>Measure</th><th>Value</th></tr>");
        html.Append($"<tr><td>Pupil shift (px), mean ± sd</td><td>{Num(labels.ShiftMeanPx, "0.00")} ± {Num(labels.ShiftSdPx, "0.00")}</td></tr>");
        html.Append($"<tr><td>Mean absolute pixel change (0–1 scale)</td><td>{Num(labels.MeanAbsPixelChange, "0.0000")} " +
                    $"({Num(labels.MeanAbsPixelChange * 255, "0.0")} gray levels)</td></tr>");
        html.Append($"<tr><td>Pairs compared</td><td>{labels.Pairs}</td></tr>");
        html.Append($"<tr><td>Pairs where no pupil was found</td><td>{labels.DetectionFailures}</td></tr>");
        html.Append("</table>");
    }

    static void SamplesSection(StringBuilder html, IReadOnlyList<SampleTriple> samples)
    {
        if (samples.Count == 0) return;
        html.Append("<h2>Samples</h2><p class=\"note\">Synthetic image, its refined version, and a real image (unpaired).</p>");
        html.Append("<table><tr><th>Synthetic</th><th>Refined</th><th>Real</th></tr>");
        foreach (var t in samples)
            html.Append($"<tr><td>{Img(t.SyntheticPng, "synthetic")}</td><td>{Img(t.RefinedPng, "refined")}</td><td>{Img(t.RealPng, "real")}</td></tr>");
        html.Append("</table>");
    }

    static void LossSection(StringBuilder html, IReadOnlyList<TrainingMetric>? metrics, string? source)
    {
        html.Append("<h2>Training losses</h2>");
        if (metrics is null || metrics.Count == 0)
        {
            html.Append("<p class=\"note\">No training metrics were given.</p>");
            return;
        }
        html.Append($"<p class=\"note\">From <code>{E(source ?? "")}</code>, {metrics.Count} steps.</p><div class=\"charts\">");
        foreach (var chart in LossCurvePlot.Charts(metrics)) html.Append(SvgChart.Render(chart));
        html.Append("</div>");
    }

    static void SettingsSection(StringBuilder html, EvaluationResults r)
    {
        var json = ReportJson.Build(r);
        var options = new JsonSerializerOptions { WriteIndented = true };
        html.Append("<h2>Settings</h2><pre>").Append(E(json["config"]!.ToJsonString(options))).Append("</pre>");
        html.Append("<h3>Time per stage (s)</h3><pre>").Append(E(json["timings_s"]!.ToJsonString(options))).Append("</pre>");
    }

    static string Img(byte[] png, string alt) => $"<img class=\"sample\" alt=\"{alt}\" src=\"{PngImages.DataUri(png)}\">";

    static string Pct(double fraction) => Num(100 * fraction, "0.0") + " %";

    static string Num(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    static string E(string text) => Html.Escape(text);
}
