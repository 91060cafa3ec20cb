namespace SimGan.Evaluation.Realism;

/// <summary>Budget of the realism classifier; the same for every pair of sets compared in one report.</summary>
public sealed record RealismTestOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Training steps of each classifier (with k folds, of each of the k).</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Images per step, half from each set.</summary>
    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Maps in the first convolution (doubling twice after).</summary>
    public int Width { get; init; } = 16;

    /// <summary>Where the classifiers train and judge; the images move there once.</summary>
    public TorchSharp.torch.Device Device { get; init; } = TorchSharp.torch.CPU;

    /// <summary>At most this many images of each set take part (as many of each: the smaller set decides).</summary>
    public long ImagesPerSet { get; init; } = 1000;

    /// <summary>
    /// 1: one classifier trains on half of each set and is scored on the other half. k ≥ 2: k-fold cross-validation,
    /// k fresh classifiers each scored on the fold it did not train on, so that every image is tested once. Twice the
    /// images scored narrow the interval by about √2, which matters for small real sets (tens of photographs); the
    /// price is k times the training time.
    /// </summary>
    public int Folds { get; init; } = 1;
}
