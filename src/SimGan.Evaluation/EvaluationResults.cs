using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation;

/// <summary>A gaze estimator's test result with what it was trained on.</summary>
public sealed record GazeRow(string TrainedOn, long TrainImages, GazeTestResult Result);

/// <summary>Where the evaluated images came from.</summary>
public sealed record EvaluationSources(string Synthetic, string Refined, string RealTest, string? RealTrain, string? Metrics);

/// <summary>Everything one evaluation measured; <see cref="Report.ReportJson"/> and <see cref="Report.HtmlReport"/> render it.</summary>
public sealed record EvaluationResults
{
    /// <summary>Null, like every gaze row, when the real test set has no gaze labels (<see cref="GazeSkippedReason"/>).</summary>
    public GazeRow? SyntheticGaze { get; init; }

    public GazeRow? RefinedGaze { get; init; }

    /// <summary>The oracle trained on real images, when labelled real training images were given.</summary>
    public GazeRow? RealGaze { get; init; }

    /// <summary>The "K×" rows, when K &gt; 1.</summary>
    public GazeRow? SyntheticGazeMultiplied { get; init; }

    public GazeRow? RefinedGazeMultiplied { get; init; }

    /// <summary>Why no gaze estimator was trained or tested; null when they were.</summary>
    public string? GazeSkippedReason { get; init; }

    public bool GazeMeasured => GazeSkippedReason is null;

    public required RealismResult SyntheticVsReal { get; init; }

    public required RealismResult RefinedVsReal { get; init; }

    public required LabelPreservationResult Labels { get; init; }

    public required EvaluationSettings Settings { get; init; }

    public required EvaluationSources Sources { get; init; }

    /// <summary>Wall-clock seconds of each stage, by stage name.</summary>
    public IReadOnlyDictionary<string, double> StageSeconds { get; init; } = new Dictionary<string, double>();
}
