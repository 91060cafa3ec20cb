using SkiaSharp;
using SimGan.Core.Images;

namespace SimGan.Data.Imaging;

/// <summary>PNG output of channels-first float images in [0, 1]: 8-bit grayscale for 1 channel, RGB for 3.</summary>
public static class PngImage
{
    public static byte[] Encode(ReadOnlySpan<float> chw, ImageShape shape)
    {
        if (shape.Channels is not (1 or 3))
            throw new ArgumentException($"PNG output takes 1 or 3 channels, not {shape.Channels}");
        if (chw.Length != shape.Pixels)
            throw new ArgumentException($"{chw.Length} floats do not make a {shape} image");
        var colorType = shape.Channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888;
        using var bitmap = new SKBitmap(new SKImageInfo(shape.Width, shape.Height, colorType, SKAlphaType.Opaque));
        using var pixmap = bitmap.PeekPixels();
        var bytes = pixmap.GetPixelSpan<byte>();
        int rowBytes = pixmap.RowBytes, plane = shape.Height * shape.Width;
        for (int row = 0; row < shape.Height; row++)
        for (int col = 0; col < shape.Width; col++)
        {
            int source = row * shape.Width + col;
            if (shape.Channels == 1)
            {
                bytes[row * rowBytes + col] = ToByte(chw[source]);
                continue;
            }
            int target = row * rowBytes + 4 * col;
            for (int c = 0; c < 3; c++) bytes[target + c] = ToByte(chw[c * plane + source]);
            bytes[target + 3] = 255;
        }
        using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                         ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
        return data.ToArray();
    }

    /// <summary>Writes the PNG through a temporary file and a rename, so a reader never sees half an image.</summary>
    public static void Write(string path, ReadOnlySpan<float> chw, ImageShape shape) =>
        AtomicFile.WriteAllBytes(path, Encode(chw, shape));

    public static byte ToByte(float value) => (byte)Math.Clamp((int)(value * 255f + 0.5f), 0, 255);
}
