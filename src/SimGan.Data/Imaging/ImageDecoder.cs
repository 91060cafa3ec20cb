using SkiaSharp;

namespace SimGan.Data.Imaging;

/// <summary>A decoded image as 8-bit RGB, row-major, 3 bytes per pixel.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgb);

/// <summary>
/// Decodes PNG/JPEG (anything SkiaSharp reads) from bytes, refusing oversized headers before allocating.
/// Every failure is an <see cref="InvalidDataException"/> whose message says what is wrong.
/// </summary>
public static class ImageDecoder
{
    /// <summary>About 64 megapixels: far above any dataset image, far below what would exhaust memory.</summary>
    public const long MaxPixels = 1L << 26;

    public static DecodedImage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length == 0) throw new InvalidDataException("the file is empty");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
                          ?? throw new InvalidDataException("not an image SkiaSharp can read (PNG or JPEG expected)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            throw new InvalidDataException($"the header claims {info.Width}x{info.Height} pixels, over the {MaxPixels}-pixel limit");
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? "the image is truncated"
                : $"the image data is corrupt ({result})");
        var rgba = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        var rgb = new byte[(long)info.Width * info.Height * 3];
        int j = 0;
        for (int row = 0; row < info.Height; row++)
        for (int col = 0; col < info.Width; col++, j += 3)
        {
            int i = row * rowBytes + 4 * col;
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return new DecodedImage(info.Width, info.Height, rgb);
    }
}
