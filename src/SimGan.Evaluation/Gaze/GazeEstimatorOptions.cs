namespace SimGan.Evaluation.Gaze;

/// <summary>
/// Size of the gaze CNN. The paper's network is <see cref="Paper"/>; on a CPU a width multiplier scales every
/// convolution's maps and the hidden FC layer, which cuts the work roughly by its square.
/// </summary>
public sealed record GazeEstimatorOptions(double WidthMultiplier = 1.0, int HiddenUnits = 1000)
{
    public static GazeEstimatorOptions Paper { get; } = new();

    /// <summary>Quarter width: about 1/16 of the paper's convolution work, enough to rank training sets.</summary>
    public static GazeEstimatorOptions Cpu { get; } = new(0.25, 250);

    public int Scaled(int paperChannels) => Math.Max(1, (int)Math.Round(paperChannels * WidthMultiplier));
}
