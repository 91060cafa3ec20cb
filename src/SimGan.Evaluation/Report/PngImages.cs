using SimGan.Core.Images;
using SkiaSharp;

namespace SimGan.Evaluation.Report;

/// <summary>Encodes one channels-first [0, 1] image as PNG (gray for 1 channel, RGB for 3).</summary>
public static class PngImages
{
    public static byte[] Encode(ReadOnlySpan<float> image, ImageShape shape)
    {
        if (image.Length != shape.Pixels) throw new ArgumentException($"expected {shape.Pixels} values for a {shape} image");
        if (shape.Channels is not (1 or 3)) throw new ArgumentException($"only 1- or 3-channel images can be shown, not {shape.Channels}");
        int plane = shape.Height * shape.Width;
        using var bitmap = new SKBitmap(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[plane * 4];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                pixels[i * 4 + c] = ToByte(image[(shape.Channels == 1 ? 0 : c) * plane + i]);
            pixels[i * 4 + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    static byte ToByte(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255f);
}
