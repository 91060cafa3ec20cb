using SimGan.Core.Images;
using SimGan.Data.Imaging;
using SkiaSharp;

namespace SimGan.Fuzz.Targets;

/// <summary>PNG and JPEG decoding, as every folder dataset and MPIIGaze photograph goes through it.</summary>
public sealed class ImageTarget : FuzzTarget
{
    public override string Name => "image";

    public override string Parser => "ImageDecoder.Decode (SkiaSharp)";

    protected override void Parse(byte[] input) => ImageDecoder.Decode(input);

    protected override bool IsRefusal(Exception error) => error is InvalidDataException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        var gray = Enumerable.Range(0, 12 * 20).Select(i => (i % 13) / 12f).ToArray();
        yield return ("gray.png", PngImage.Encode(gray, new ImageShape(1, 12, 20)));
        var colour = Enumerable.Range(0, 3 * 8 * 8).Select(i => (i % 7) / 6f).ToArray();
        yield return ("rgb.png", PngImage.Encode(colour, new ImageShape(3, 8, 8)));
        using var bitmap = new SKBitmap(16, 12);
        for (int y = 0; y < 12; y++)
        for (int x = 0; x < 16; x++)
            bitmap.SetPixel(x, y, new SKColor((byte)(x * 16), (byte)(y * 20), 128));
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        yield return ("small.jpg", jpeg.ToArray());
    }
}
