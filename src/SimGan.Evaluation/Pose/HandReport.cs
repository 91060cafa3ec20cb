using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Report.Charts;

namespace SimGan.Evaluation.Pose;

/// <summary>report.json and report.html of a hand-pose evaluation (keys in docs/hand.md).</summary>
public static class HandReport
{
    public static string Write(string directory, HandResults r)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ReportJson.FileName), Build(r).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        string html = Path.Combine(directory, "report.html");
        File.WriteAllText(html, Html(r));
        return html;
    }

    public static JsonObject Build(HandResults r) => new()
    {
        ["task"] = "hand",
        ["pose"] = new JsonObject
        {
            ["synthetic"] = Row(r.Synthetic), ["refined"] = Row(r.Refined),
            ["synthetic_kx"] = Row(r.SyntheticMultiplied), ["refined_kx"] = Row(r.RefinedMultiplied),
        },
        ["realism"] = new JsonObject
        {
            ["synthetic_vs_real"] = ReportJson.Realism(r.SyntheticVsReal),
            ["refined_vs_real"] = ReportJson.Realism(r.RefinedVsReal),
        },
        ["labels"] = new JsonObject
        {
            ["estimator"] = "synthetic and real test images",
            ["joint_shift_px_mean"] = ReportJson.Number(r.Labels.Refined.MeanPx),
            ["joint_shift_px_sd"] = ReportJson.Number(r.Labels.Refined.SdPx),
            ["perfect_refiner_shift_px_mean"] = Mean(r.Labels.PerfectRefiner),
            ["pairs"] = r.Labels.Refined.Pairs,
            ["synthetic_estimator"] = new JsonObject
            {
                ["joint_shift_px_mean"] = ReportJson.Number(r.Labels.BySyntheticEstimator.MeanPx),
                ["joint_shift_px_sd"] = ReportJson.Number(r.Labels.BySyntheticEstimator.SdPx),
                ["perfect_refiner_shift_px_mean"] = Mean(r.Labels.PerfectRefinerBySyntheticEstimator),
            },
        },
        ["config"] = new JsonObject
        {
            ["seed"] = r.Settings.Seed,
            ["train_images"] = r.Settings.TrainImages,
            ["data_multiplier"] = r.Settings.DataMultiplier,
            ["pose"] = new JsonObject
            {
                ["steps"] = r.Settings.Pose.Steps, ["batch_size"] = r.Settings.Pose.BatchSize, ["learning_rate"] = r.Settings.Pose.LearningRate,
                ["width"] = r.Settings.Pose.Width, ["stacks"] = r.Settings.Pose.Stacks, ["sigma"] = r.Settings.Pose.Sigma,
            },
            ["realism"] = new JsonObject { ["steps"] = r.Settings.Realism.Steps, ["folds"] = r.Settings.Realism.Folds },
            ["labels"] = new JsonObject { ["steps"] = r.Settings.LabelSteps, ["pairs"] = r.Labels.Refined.Pairs },
            ["sources"] = new JsonObject { ["synthetic"] = r.Sources.Synthetic, ["refined"] = r.Sources.Refined, ["real_test"] = r.Sources.RealTest },
        },
        ["timings_s"] = new JsonObject(r.StageSeconds.Select(s => KeyValuePair.Create(s.Key, ReportJson.Number(s.Value)))),
    };

    static JsonNode? Mean(JointShift? shift) => shift is null ? null : ReportJson.Number(shift.MeanPx);

    static JsonObject? Row(PoseRow? row) => row is null ? null : new()
    {
        ["within_5px"] = ReportJson.Number(row.Result.WithinPx(5)),
        ["mean_error_px"] = ReportJson.Number(row.Result.MeanErrorPx),
        ["cumulative"] = new JsonArray(row.Result.Curve.Select(ReportJson.Number).ToArray()),
        ["train_images"] = row.TrainImages,
        ["test_images"] = row.Result.Images,
    };

    static string Html(HandResults r)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>SimGAN hand pose</title></head><body>");
        html.Append("<h1>Hand pose: does refinement help?</h1>");
        html.Append("<table border=\"1\" cellpadding=\"4\"><tr><th>estimator trained on</th><th>images</th><th>joints within 5 px</th><th>mean error</th></tr>");
        var rows = new[] { r.Synthetic, r.Refined, r.SyntheticMultiplied, r.RefinedMultiplied }.OfType<PoseRow>().ToList();
        foreach (var row in rows)
            html.Append(c, $"<tr><td>{row.Name}</td><td>{row.TrainImages}</td><td>{row.Result.WithinPx(5):P1}</td><td>{row.Result.MeanErrorPx:F2} px</td></tr>");
        html.Append("</table>");
        html.Append(c, $"<p>Realism test (50 % = indistinguishable): synthetic vs real {r.SyntheticVsReal.Accuracy:P1}, refined vs real {r.RefinedVsReal.Accuracy:P1}.</p>");
        html.Append(c, $"<p>Joint shift under refinement: {r.Labels.Refined.MeanPx:F2} ± {r.Labels.Refined.SdPx:F2} px over {r.Labels.Refined.Pairs} pairs, by an estimator trained on synthetic and real test images");
        if (r.Labels.PerfectRefiner is { } perfect) html.Append(c, $" (a perfect refiner, the same hands through the depth camera, reads {perfect.MeanPx:F2} px)");
        html.Append(c, $"; by the estimator trained on synthetic images only: {r.Labels.BySyntheticEstimator.MeanPx:F2} px");
        if (r.Labels.PerfectRefinerBySyntheticEstimator is { } perfectSynthetic) html.Append(c, $" (perfect refiner: {perfectSynthetic.MeanPx:F2} px)");
        html.Append("</p>");
        var series = rows.Select((row, i) => new ChartSeries(row.Name,
            row.Result.Curve.Select((y, d) => ((double)d, y)).ToList(), LineChart.Palette[i])).ToList();
        html.Append(SvgChart.Render(new LineChart("Joints within d pixels on the real test images", "distance from ground truth d (pixels)",
            "fraction of joints", series) { YRange = (0, 1), XRange = (0, JointError.MaxDistance) }));
        html.Append("<p>Sources: ").Append(Report.Html.Escape($"{r.Sources.Synthetic}; {r.Sources.Refined}; {r.Sources.RealTest}")).Append("</p>");
        return html.Append("</body></html>").ToString();
    }
}
