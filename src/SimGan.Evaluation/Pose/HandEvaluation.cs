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
    /// <summary>Training steps of the label check's two-look estimator; null: twice <see cref="Pose"/>'s, as it learns two looks.</summary>
    public int? LabelSteps { get; init; }

    public HandEvaluationSettings On(TorchSharp.torch.Device device) =>
        this with { Pose = Pose with { Device = device }, Realism = Realism with { Device = device } };
}

/// <summary>A pose estimator's row: what it trained on and how it did on the real test images.</summary>
public sealed record PoseRow(string Name, long TrainImages, PoseTestResult Result);

/// <summary>
/// How far apart an estimator's joints are on a synthetic image and on another version of it (refined, or through the
/// depth camera), in pixels, averaged over joints and pairs.
/// </summary>
public sealed record JointShift(double MeanPx, double SdPx, int Pairs)
{
    /// <summary>The shift between two estimates of the same images' joints (u, v pairs per image, as PoseTrainer.Predict gives).</summary>
    public static JointShift Between(IReadOnlyList<float[]> reference, IReadOnlyList<float[]> other)
    {
        if (reference.Count != other.Count || reference.Count == 0)
            throw new ArgumentException($"a joint shift needs the same images estimated twice, not {reference.Count} and {other.Count}");
        var distances = new List<double>();
        for (int i = 0; i < reference.Count; i++) distances.AddRange(JointError.Distances(other[i], reference[i]));
        double mean = distances.Average();
        double sd = Math.Sqrt(distances.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, distances.Count - 1));
        return new JointShift(mean, sd, reference.Count);
    }
}

/// <summary>
/// The label check for hands. <see cref="Refined"/>: the shift under refinement, measured by an estimator trained on
/// synthetic images and the labelled depth-camera images together, so that a change of look alone does not read as
/// moved joints. <see cref="BySyntheticEstimator"/>: the same pairs through the estimator trained on synthetic images
/// only, which also counts its confusion on the camera's look. <see cref="PerfectRefiner"/>: what each estimator reads
/// for the same hands drawn through the depth camera with unchanged joints (built-in simulator only): the shift of a
/// refiner that did its job perfectly.
/// </summary>
public sealed record HandLabelCheck(
    JointShift Refined, JointShift BySyntheticEstimator, JointShift? PerfectRefiner, JointShift? PerfectRefinerBySyntheticEstimator);

public sealed record HandResults
{
    public required PoseRow Synthetic { get; init; }
    public required PoseRow Refined { get; init; }
    /// <summary>The K× rows, when <see cref="HandEvaluationSettings.DataMultiplier"/> is above 1.</summary>
    public PoseRow? SyntheticMultiplied { get; init; }
    public PoseRow? RefinedMultiplied { get; init; }
    public required RealismResult SyntheticVsReal { get; init; }
    public required RealismResult RefinedVsReal { get; init; }
    public required HandLabelCheck Labels { get; init; }
    public required HandEvaluationSettings Settings { get; init; }
    public required EvaluationSources Sources { get; init; }
    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }
}
