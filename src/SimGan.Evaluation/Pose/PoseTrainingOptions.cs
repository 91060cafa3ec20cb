namespace SimGan.Evaluation.Pose;

/// <summary>How a pose estimator is trained. One budget for every row, so only the training images differ.</summary>
public sealed record PoseTrainingOptions
{
    public int Seed { get; init; } = 1;
    public int Steps { get; init; } = 1500;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Channels of every hourglass layer.</summary>
    public int Width { get; init; } = 16;
    public int Stacks { get; init; } = 2;
    /// <summary>Standard deviation of the target heatmaps' Gaussians, in heatmap pixels (two image pixels each).</summary>
    public double Sigma { get; init; } = 1.0;
    public TorchSharp.torch.Device Device { get; init; } = TorchSharp.torch.CPU;
}
