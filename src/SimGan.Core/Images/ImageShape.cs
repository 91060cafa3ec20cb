namespace SimGan.Core.Images;

/// <summary>The shape of one image, channels first, as the networks see it.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    public int Pixels => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
