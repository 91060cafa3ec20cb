using SimGan.Core.Images;
using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Imaging;

public class PngImageTests
{
    [Fact]
    public void Grayscale_round_trips_to_within_one_level()
    {
        var shape = new ImageShape(1, 7, 11);
        var pixels = Enumerable.Range(0, shape.Pixels).Select(i => i / (float)(shape.Pixels - 1)).ToArray();
        var decoded = ImageDecoder.Decode(PngImage.Encode(pixels, shape));
        Assert.Equal((11, 7), (decoded.Width, decoded.Height));
        var back = new float[shape.Pixels];
        ImageConversion.ToChannelsFirst(decoded, shape, back);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i], back[i], 0.5f / 255 + 1e-5f);
    }

    [Fact]
    public void Rgb_keeps_its_channels_apart()
    {
        var shape = new ImageShape(3, 2, 3);
        var pixels = new float[shape.Pixels];
        pixels.AsSpan(0, 6).Fill(1f);     // red plane
        pixels.AsSpan(12, 6).Fill(0.5f);  // blue plane
        var decoded = ImageDecoder.Decode(PngImage.Encode(pixels, shape));
        Assert.Equal([255, 0, 128], decoded.Rgb[..3]);
    }

    [Fact]
    public void Write_leaves_no_temporary_file_behind()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("sub", "a.png");
        PngImage.Write(path, new float[12], new ImageShape(1, 3, 4));
        Assert.Equal(["a.png"], Directory.GetFiles(temp.Combine("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void Wrong_sizes_and_channel_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PngImage.Encode(new float[5], new ImageShape(1, 2, 3)));
        Assert.Throws<ArgumentException>(() => PngImage.Encode(new float[12], new ImageShape(2, 2, 3)));
    }
}
