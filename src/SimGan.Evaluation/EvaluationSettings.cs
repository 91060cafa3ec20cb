using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation;

/// <summary>Every knob of one evaluation; all of it is written into the report.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Seeds every network and every shuffle; overrides the seeds inside <see cref="Gaze"/> and <see cref="Realism"/>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>One budget for every gaze estimator, so that only the training images differ.</summary>
    public GazeTrainingOptions Gaze { get; init; } = new();

    public RealismTestOptions Realism { get; init; } = new();

    /// <summary>
    /// K of the paper's "K×" rows. With K &gt; 1 the 1× estimators train on the first
    /// <see cref="TrainImages"/> images and the K× ones on the first K times as many.
    /// </summary>
    public int DataMultiplier { get; init; } = 1;

    /// <summary>Training images of the 1× rows; by default the refined set's size divided by K.</summary>
    public long? TrainImages { get; init; }

    /// <summary>Real test images for gaze; by default the whole (finite) set.</summary>
    public long? TestImages { get; init; }

    /// <summary>Synthetic/refined pairs for the label check; by default those of the 1× training images.</summary>
    public long? LabelPairs { get; init; }

    public PupilDetector PupilDetector { get; init; } = new();

    /// <summary>Synthetic / refined / real triples shown in the HTML report.</summary>
    public int SampleTriples { get; init; } = 8;

    /// <summary>The same settings with the gaze estimators and realism classifiers computing on <paramref name="device"/>.</summary>
    public EvaluationSettings On(TorchSharp.torch.Device device) =>
        this with { Gaze = Gaze with { Device = device }, Realism = Realism with { Device = device } };
}
