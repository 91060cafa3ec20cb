using SimGan.Core.Images;
using SimGan.Evaluation.Report;
using SkiaSharp;

namespace SimGan.Evaluation.Tests.Report;

public class PngImagesTests
{
    [Fact]
    public void Gray_image_round_trips_through_PNG()
    {
        var shape = new ImageShape(1, 2, 3);
        float[] image = [0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f];
        using var decoded = SKBitmap.Decode(PngImages.Encode(image, shape));
        Assert.Equal(3, decoded.Width);
        Assert.Equal(2, decoded.Height);
        Assert.Equal(new SKColor(51, 51, 51), decoded.GetPixel(1, 0));
        Assert.Equal(new SKColor(255, 255, 255), decoded.GetPixel(2, 1));
    }

    [Fact]
    public void Colour_image_keeps_its_channels()
    {
        var shape = new ImageShape(3, 1, 1);
        using var decoded = SKBitmap.Decode(PngImages.Encode([1f, 0f, 0.5f], shape));
        Assert.Equal(new SKColor(255, 0, 128), decoded.GetPixel(0, 0));
    }

    [Fact]
    public void Out_of_range_values_are_clamped_and_wrong_sizes_refused()
    {
        using var decoded = SKBitmap.Decode(PngImages.Encode([-0.5f, 1.5f], new ImageShape(1, 1, 2)));
        Assert.Equal(SKColors.Black, decoded.GetPixel(0, 0));
        Assert.Equal(SKColors.White, decoded.GetPixel(1, 0));
        Assert.Throws<ArgumentException>(() => PngImages.Encode(new float[5], new ImageShape(1, 2, 3)));
    }
}
