using SimGan.Data.Datasets;

namespace SimGan.Evaluation;

/// <summary>
/// What one evaluation compares. <paramref name="Refined"/> must hold the refined versions of
/// <paramref name="Synthetic"/>'s images, in the same order, with the same labels.
/// </summary>
/// <param name="RealTest">Labelled real images: gaze test set and the "real" side of the realism test.</param>
/// <param name="RealTrain">Optional labelled real training images for the oracle row.</param>
/// <param name="MetricsJsonlPath">Optional metrics.jsonl of the refiner's training run, for the loss curves.</param>
public sealed record EvaluationInputs(IDataset Synthetic, IDataset Refined, IDataset RealTest,
    IDataset? RealTrain = null, string? MetricsJsonlPath = null);
