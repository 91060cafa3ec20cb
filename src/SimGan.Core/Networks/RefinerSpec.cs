namespace SimGan.Core.Networks;

/// <summary>The refiner's architecture: a fully convolutional ResNet that keeps the image size.</summary>
/// <param name="EqualizeOutput">Whether refined images leave through <see cref="HistogramEqualization"/>, the real
/// domain's own per-image preprocessing (MPIIGaze's), which the network cannot compute.</param>
/// <param name="NoiseChannels">Standard normal channels appended to the input (<see cref="RefinerInputNoise"/>), for
/// texture a deterministic function of a flat synthetic region cannot draw; 0: none, the paper's refiner.</param>
public sealed record RefinerSpec(int Channels, int Width, int Blocks, int Kernel, bool EqualizeOutput = false, int NoiseChannels = 0)
{
    /// <summary>Paper, gaze: 3×3 conv with 64 maps, 4 ResNet blocks, 1×1 conv back to the image.</summary>
    public static RefinerSpec Gaze(int channels = 1) => new(channels, 64, 4, 3);

    /// <summary>Paper, hand: 7×7 filters and 10 blocks.</summary>
    public static RefinerSpec Hand(int channels = 1) => new(channels, 64, 10, 7);

    public const int MaxNoiseChannels = 16;

    public void Validate()
    {
        if (Channels <= 0 || Width <= 0 || Blocks < 0) throw new ArgumentException($"invalid refiner spec {this}");
        if (Kernel <= 0 || Kernel % 2 == 0) throw new ArgumentException("the refiner kernel must be odd so that size is kept");
        if (NoiseChannels < 0 || NoiseChannels > MaxNoiseChannels)
            throw new ArgumentException($"the refiner's noise channels must be between 0 and {MaxNoiseChannels}");
    }
}
