using SimGan.Core.Images;
using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Imaging;

public class ImageScalingTests
{
    [Fact]
    public void Every_pixel_becomes_a_block_of_its_own_value_in_every_image()
    {
        var shape = new ImageShape(1, 2, 3);
        float[] images = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var (large, largeShape) = ImageScaling.NearestNeighbour(images, 2, shape, 3);
        Assert.Equal(new ImageShape(1, 6, 9), largeShape);
        for (int i = 0; i < 2; i++)
        for (int y = 0; y < 6; y++)
        for (int x = 0; x < 9; x++)
            Assert.Equal(images[i * 6 + y / 3 * 3 + x / 3], large[i * 54 + y * 9 + x]);
    }

    [Fact]
    public void A_factor_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageScaling.NearestNeighbour(new float[4], 1, new ImageShape(1, 2, 2), 0));
}
