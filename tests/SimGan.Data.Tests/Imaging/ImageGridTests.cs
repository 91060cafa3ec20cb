using SimGan.Core.Images;
using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Imaging;

public class ImageGridTests
{
    [Fact]
    public void Tiles_row_by_row_with_gaps()
    {
        var shape = new ImageShape(1, 2, 2);
        var images = new float[3 * 4];
        for (int i = 0; i < 3; i++) images.AsSpan(i * 4, 4).Fill(i / 10f);
        var (pixels, grid) = ImageGrid.Tile(images, shape, columns: 2, gap: 1, background: 1f);
        Assert.Equal(new ImageShape(1, 5, 5), grid);
        Assert.Equal(0f, pixels[0]);
        Assert.Equal(1f, pixels[2]);                 // gap column
        Assert.Equal(0.1f, pixels[3]);               // second image
        Assert.Equal(0.2f, pixels[3 * 5 + 0]);       // third image, second row
        Assert.Equal(1f, pixels[4 * 5 + 4]);         // empty slot keeps the background
    }

    [Fact]
    public void Refuses_a_partial_image()
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Tile(new float[5], new ImageShape(1, 2, 2), 2));
    }
}
