using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation.Pose;

/// <summary>Every knob of one hand-pose evaluation (the paper's Sec. 4.3 experiment).</summary>
public sealed record HandEvaluationSettings
{
    public int Seed { get; init; } = 1;
    public PoseTrainingOptions Pose { get; init; } = new();
    public RealismTestOptions Realism { get; init; } = new();
    /// <summary>Training images of the 1× rows; null: the whole refined set.</summary>
    public long? TrainImages { get; init; }
    /// <summary>Real test images; null: the whole (finite) set.</summary>
    public long? TestImages { get; init; }
    /// <summary>K of the paper's "3×" row: with K &gt; 1 two more estimators train on the first K × <see cref="TrainImages"/> images.</summary>
    public int DataMultiplier { get; init; } = 1;
    /// <summary>Synthetic/refined pairs whose estimated joints are compared for the label check.</summary>
    public long LabelPairs { get; init; } = 500;

    public HandEvaluationSettings On(TorchSharp.torch.Device device) =>
        this with { Pose = Pose with { Device = device }, Realism = Realism with { Device = device } };
}

/// <summary>A pose estimator's row: what it trained on and how it did on the real test images.</summary>
public sealed record PoseRow(string Name, long TrainImages, PoseTestResult Result);

/// <summary>
/// The label check for hands: the estimator trained on synthetic images finds the joints on a synthetic image and on
/// its refined version; how far apart the two estimates are, in pixels, averaged over joints and pairs.
/// </summary>
public sealed record JointShift(double MeanPx, double SdPx, int Pairs);

public sealed record HandResults
{
    public required PoseRow Synthetic { get; init; }
    public required PoseRow Refined { get; init; }
    /// <summary>The K× rows, when <see cref="HandEvaluationSettings.DataMultiplier"/> is above 1.</summary>
    public PoseRow? SyntheticMultiplied { get; init; }
    public PoseRow? RefinedMultiplied { get; init; }
    public required RealismResult SyntheticVsReal { get; init; }
    public required RealismResult RefinedVsReal { get; init; }
    public required JointShift Labels { get; init; }
    public required HandEvaluationSettings Settings { get; init; }
    public required EvaluationSources Sources { get; init; }
    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }
}
