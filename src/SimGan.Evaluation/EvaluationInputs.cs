using SimGan.Data.Datasets;

namespace SimGan.Evaluation;

/// <summary>
/// What one evaluation compares. <paramref name="Refined"/> must hold the refined versions of
/// <paramref name="Synthetic"/>'s images, in the same order, with the same labels.
/// </summary>
/// <param name="RealTest">
/// Real images: the "real" side of the realism test and, when they carry gaze labels, the gaze test set (without
/// them every gaze stage is skipped).
/// </param>
/// <param name="RealTrain">Optional labelled real training images for the oracle row; needs a labelled <paramref name="RealTest"/>.</param>
/// <param name="MetricsJsonlPath">Optional metrics.jsonl of the refiner's training run, for the loss curves.</param>
public sealed record EvaluationInputs(IDataset Synthetic, IDataset Refined, IDataset RealTest,
    IDataset? RealTrain = null, string? MetricsJsonlPath = null);
