using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Labels;

namespace SimGan.Evaluation.Report;

/// <summary>
/// report.json: the stable, machine-read form of an evaluation (documented in docs/evaluation.md, schema in
/// Report/report.schema.json). Keys never depend on the settings; a value that could not be measured is null.
/// </summary>
public static class ReportJson
{
    /// <summary>
    /// 2: gaze rows may all be null, said by gaze_measured and gaze_skipped_reason (1 had no unlabelled real sets), and
    /// the realism rows and settings say how many cross-validation folds the test used.
    /// </summary>
    public const int SchemaVersion = 2;

    public const string FileName = "report.json";

    public static string Write(string directory, EvaluationResults results)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Build(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    public static JsonObject Build(EvaluationResults r) => new()
    {
        ["schema_version"] = SchemaVersion,
        ["gaze_measured"] = r.GazeMeasured,
        ["gaze_skipped_reason"] = r.GazeSkippedReason,
        ["gaze"] = new JsonObject
        {
            ["synthetic"] = Gaze(r.SyntheticGaze),
            ["refined"] = Gaze(r.RefinedGaze),
            ["real"] = Gaze(r.RealGaze),
            ["synthetic_kx"] = Gaze(r.SyntheticGazeMultiplied),
            ["refined_kx"] = Gaze(r.RefinedGazeMultiplied),
        },
        ["realism"] = new JsonObject
        {
            ["synthetic_vs_real"] = Realism(r.SyntheticVsReal),
            ["refined_vs_real"] = Realism(r.RefinedVsReal),
        },
        ["labels"] = new JsonObject
        {
            ["pupil_shift_px_mean"] = Number(r.Labels.ShiftMeanPx),
            ["pupil_shift_px_sd"] = Number(r.Labels.ShiftSdPx),
            ["mean_abs_pixel_change"] = Number(r.Labels.MeanAbsPixelChange),
            ["pairs"] = r.Labels.Pairs,
            ["detection_failures"] = r.Labels.DetectionFailures,
        },
        ["config"] = Config(r.Settings, r.Sources),
        ["timings_s"] = new JsonObject(r.StageSeconds.Select(s => KeyValuePair.Create(s.Key, Number(s.Value)))),
    };

    static JsonObject? Gaze(GazeRow? row) => row is null ? null : new JsonObject
    {
        ["mean_error_deg"] = Number(row.Result.MeanErrorDeg),
        ["within_7deg"] = Number(row.Result.WithinDeg(7)),
        ["cumulative"] = new JsonArray(row.Result.Cumulative().Select(Number).ToArray()),
        ["train_images"] = row.TrainImages,
        ["test_images"] = row.Result.Tested,
    };

    internal static JsonObject Realism(RealismResult result) => new()
    {
        ["accuracy"] = Number(result.Accuracy),
        ["ci95"] = new JsonArray(Number(result.CiLow), Number(result.CiHigh)),
        ["correct"] = result.Correct,
        ["tested"] = result.Tested,
        ["trained_on"] = result.TrainedOn,
        ["folds"] = result.Folds,
    };

    static JsonObject Config(EvaluationSettings s, EvaluationSources sources) => new()
    {
        ["seed"] = s.Seed,
        ["data_multiplier"] = s.DataMultiplier,
        ["train_images"] = s.TrainImages,
        ["test_images"] = s.TestImages,
        ["label_pairs"] = s.LabelPairs,
        ["sample_triples"] = s.SampleTriples,
        ["gaze"] = new JsonObject
        {
            ["steps"] = s.Gaze.Steps,
            ["batch_size"] = s.Gaze.BatchSize,
            ["learning_rate"] = s.Gaze.LearningRate,
            ["width_multiplier"] = s.Gaze.Network.WidthMultiplier,
            ["hidden_units"] = s.Gaze.Network.HiddenUnits,
        },
        ["realism"] = new JsonObject
        {
            ["steps"] = s.Realism.Steps,
            ["batch_size"] = s.Realism.BatchSize,
            ["learning_rate"] = s.Realism.LearningRate,
            ["width"] = s.Realism.Width,
            ["images_per_set"] = s.Realism.ImagesPerSet,
            ["folds"] = s.Realism.Folds,
        },
        ["pupil_detector"] = new JsonObject
        {
            ["minimum_contrast"] = s.PupilDetector.MinimumContrast,
            ["maximum_area_fraction"] = s.PupilDetector.MaximumAreaFraction,
            ["side_margin"] = s.PupilDetector.SideMargin,
            ["top_margin"] = s.PupilDetector.TopMargin,
            ["maximum_radius_fraction"] = s.PupilDetector.MaximumRadiusFraction,
            ["pupil_core_fraction"] = PupilDetector.PupilCoreFraction,
            ["pupil_window_fraction"] = PupilDetector.PupilWindowFraction,
        },
        ["sources"] = new JsonObject
        {
            ["synthetic"] = sources.Synthetic,
            ["refined"] = sources.Refined,
            ["real_test"] = sources.RealTest,
            ["real_train"] = sources.RealTrain,
            ["metrics"] = sources.Metrics,
        },
    };

    /// <summary>JSON has no NaN or infinity: an unmeasurable value is written as null.</summary>
    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
