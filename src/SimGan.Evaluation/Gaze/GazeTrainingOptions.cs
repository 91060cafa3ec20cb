namespace SimGan.Evaluation.Gaze;

/// <summary>
/// One training budget, used identically for every training set so that only the images differ.
/// Defaults are CPU-sized (see docs/evaluation.md for timings); the paper trained far longer on a GPU.
/// </summary>
public sealed record GazeTrainingOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>
    /// 1800 steps of 64 are about 38 passes over a 3000-image set. At 600 the estimator was still learning: trained on
    /// refined images it had not got much nearer to one trained on camera images than the raw-trained one, so the
    /// comparison understated what refinement bought (docs/demo.md, runs af-ai).
    /// </summary>
    public int Steps { get; init; } = 1800;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    public GazeEstimatorOptions Network { get; init; } = GazeEstimatorOptions.Cpu;

    /// <summary>Where the estimator trains and is tested; its images move there once.</summary>
    public TorchSharp.torch.Device Device { get; init; } = TorchSharp.torch.CPU;
}
