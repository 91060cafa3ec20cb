using SimGan.Core.Images;

namespace SimGan.Evaluation.Tests.TestData;

/// <summary>Another set's images passed through a pixel transform: a stand-in "refiner" with a known effect.</summary>
public sealed class TransformedImages(IImageSource source, Action<float[], Span<float>> transform) : IImageSource
{
    public ImageShape Shape => source.Shape;

    public long? Count => source.Count;

    public void ReadImage(long index, Span<float> destination)
    {
        var original = new float[Shape.Pixels];
        source.ReadImage(index, original);
        transform(original, destination);
    }

    /// <summary>Moves single-channel content right by <paramref name="pixels"/>, repeating the left edge.</summary>
    public static TransformedImages ShiftedRight(IImageSource source, int pixels) => new(source, (image, output) =>
    {
        int width = source.Shape.Width;
        for (int y = 0; y < source.Shape.Height; y++)
            for (int x = 0; x < width; x++)
                output[y * width + x] = image[y * width + Math.Max(0, x - pixels)];
    });
}
