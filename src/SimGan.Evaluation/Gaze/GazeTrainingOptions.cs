namespace SimGan.Evaluation.Gaze;

/// <summary>
/// One training budget, used identically for every training set so that only the images differ.
/// Defaults are CPU-sized (see docs/evaluation.md for timings); the paper trained far longer on a GPU.
/// </summary>
public sealed record GazeTrainingOptions
{
    public int Seed { get; init; } = 1;

    public int Steps { get; init; } = 600;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    public GazeEstimatorOptions Network { get; init; } = GazeEstimatorOptions.Cpu;
}
