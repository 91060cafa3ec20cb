using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation.Tests.TestData;

/// <summary>Hand-made results with values whose rendering the report tests can check.</summary>
public static class SampleResults
{
    public static EvaluationResults Make(bool withReal = true, bool multiplied = false) => new()
    {
        SyntheticGaze = new GazeRow("synthetic", 100, new GazeTestResult([2.0, 6.0, 10.0, 12.0])),
        RefinedGaze = new GazeRow("refined", 100, new GazeTestResult([1.0, 3.0, 5.0, 9.0])),
        RealGaze = withReal ? new GazeRow("real", 100, new GazeTestResult([0.5, 1.0, 2.0, 4.0])) : null,
        SyntheticGazeMultiplied = multiplied ? new GazeRow("synthetic 4×", 400, new GazeTestResult([1.5, 5.0, 8.0, 11.0])) : null,
        RefinedGazeMultiplied = multiplied ? new GazeRow("refined 4×", 400, new GazeTestResult([0.8, 2.0, 4.0, 8.0])) : null,
        SyntheticVsReal = new RealismResult(162, 200, 200, 0.75, 0.86),
        RefinedVsReal = new RealismResult(103, 200, 200, 0.44, 0.58),
        Labels = new LabelPreservationResult([1.0, 2.0, 3.0], 0.04, 3, 0),
        Settings = new EvaluationSettings { Seed = 7, DataMultiplier = multiplied ? 4 : 1, TrainImages = 100, TestImages = 4, LabelPairs = 3 },
        Sources = new EvaluationSources("eyes-synthetic:100", "folder:/tmp/refined", "eyes-real:4", withReal ? "eyes-real:100" : null, null),
        StageSeconds = new Dictionary<string, double> { ["gaze"] = 1.5, ["realism"] = 0.5 },
    };

    /// <summary>Results of a 5-fold realism test: every one of 2 × 100 images tested, each classifier trained on 160.</summary>
    public static EvaluationResults CrossValidated()
    {
        var results = Make();
        return results with
        {
            SyntheticVsReal = new RealismResult(190, 200, 160, 0.91, 0.97, Folds: 5),
            RefinedVsReal = new RealismResult(104, 200, 160, 0.45, 0.59, Folds: 5),
            Settings = results.Settings with { Realism = results.Settings.Realism with { Folds = 5 } },
        };
    }

    /// <summary>Results of a real test set without gaze labels: no gaze row, and the reason.</summary>
    public static EvaluationResults WithoutGaze() => Make(withReal: false) with
    {
        SyntheticGaze = null,
        RefinedGaze = null,
        GazeSkippedReason = GazeTestSet.NoGazeLabels,
        StageSeconds = new Dictionary<string, double> { ["realism"] = 0.5 },
    };
}
