using SimGan.Core.Images;

namespace SimGan.Data.Imaging;

/// <summary>Enlarges images for people to look at.</summary>
public static class ImageScaling
{
    /// <summary>Every pixel of every image becomes a <paramref name="factor"/>×<paramref name="factor"/> block.</summary>
    public static (float[] Pixels, ImageShape Shape) NearestNeighbour(ReadOnlySpan<float> images, int count, ImageShape shape, int factor)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), "the factor must be at least 1");
        if (images.Length < count * shape.Pixels) throw new ArgumentException("the buffer is smaller than the images");
        var large = new ImageShape(shape.Channels, shape.Height * factor, shape.Width * factor);
        var pixels = new float[count * large.Pixels];
        int planes = count * shape.Channels;
        for (int p = 0; p < planes; p++)
        for (int row = 0; row < large.Height; row++)
        {
            var source = images.Slice(p * shape.Height * shape.Width + row / factor * shape.Width, shape.Width);
            var target = pixels.AsSpan(p * large.Height * large.Width + row * large.Width, large.Width);
            for (int col = 0; col < large.Width; col++) target[col] = source[col / factor];
        }
        return (pixels, large);
    }
}
