namespace SimGan.Core.Networks;

/// <summary>One convolution of the discriminator (a kernel of 0 means max-pooling).</summary>
public sealed record DiscriminatorLayer(int Kernel, int Stride, int OutChannels, bool IsPool = false);

/// <summary>The discriminator's layers: strided convolutions ending in a 2-way logit map, one decision per patch.</summary>
public sealed record DiscriminatorSpec(int Channels, IReadOnlyList<DiscriminatorLayer> Layers)
{
    /// <summary>Paper, gaze: Conv3×3 s2 96, Conv3×3 s2 64, MaxPool3×3 s1, Conv3×3 s1 32, Conv1×1 32, Conv1×1 2.</summary>
    public static DiscriminatorSpec Gaze(int channels = 1, double widthScale = 1.0) => new(channels,
    [
        new(3, 2, Scale(96, widthScale)), new(3, 2, Scale(64, widthScale)), new(3, 1, 0, IsPool: true),
        new(3, 1, Scale(32, widthScale)), new(1, 1, Scale(32, widthScale)), new(1, 1, 2),
    ]);

    /// <summary>Paper, hand: Conv7×7 s4 96, Conv5×5 s2 64, MaxPool3×3 s2, Conv3×3 s2 32, Conv1×1 32, Conv1×1 2.</summary>
    public static DiscriminatorSpec Hand(int channels = 1) => new(channels,
    [
        new(7, 4, 96), new(5, 2, 64), new(3, 2, 0, IsPool: true), new(3, 2, 32), new(1, 1, 32), new(1, 1, 2),
    ]);

    static int Scale(int width, double scale) => Math.Max(4, (int)Math.Round(width * scale));
}
