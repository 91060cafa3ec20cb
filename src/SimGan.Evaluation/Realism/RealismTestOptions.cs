namespace SimGan.Evaluation.Realism;

/// <summary>Budget of the realism classifier; the same for every pair of sets compared in one report.</summary>
public sealed record RealismTestOptions
{
    public int Seed { get; init; } = 1;

    public int Steps { get; init; } = 300;

    /// <summary>Images per step, half from each set.</summary>
    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Maps in the first convolution (doubling twice after).</summary>
    public int Width { get; init; } = 16;

    /// <summary>At most this many images of each set take part (half train, half test).</summary>
    public long ImagesPerSet { get; init; } = 1000;
}
