using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Imaging;

public class ResamplerTests
{
    [Theory]
    [InlineData(10, 20, 35, 55)]
    [InlineData(300, 400, 35, 55)]
    [InlineData(35, 55, 224, 224)]
    public void A_constant_image_stays_constant(int sourceHeight, int sourceWidth, int height, int width)
    {
        var source = Enumerable.Repeat(0.3f, sourceHeight * sourceWidth).ToArray();
        var destination = new float[height * width];
        Resampler.Resize(source, sourceHeight, sourceWidth, destination, height, width);
        Assert.All(destination, v => Assert.Equal(0.3f, v, 1e-5f));
    }

    [Fact]
    public void Halving_averages_neighbouring_pixels()
    {
        float[] source = [0, 1, 0, 1, 0, 1, 0, 1];
        var destination = new float[4];
        Resampler.Resize(source, 1, 8, destination, 1, 4);
        Assert.All(destination[1..3], v => Assert.Equal(0.5f, v, 0.05f));
    }

    [Fact]
    public void Same_size_copies_exactly()
    {
        float[] source = [0.1f, 0.7f, 0.2f, 0.9f];
        var destination = new float[4];
        Resampler.Resize(source, 2, 2, destination, 2, 2);
        Assert.Equal(source, destination);
    }
}
