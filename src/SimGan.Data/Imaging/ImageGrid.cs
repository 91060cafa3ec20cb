using SimGan.Core.Images;

namespace SimGan.Data.Imaging;

/// <summary>Tiles a batch of images into one picture (sample sheets in run folders and reports).</summary>
public static class ImageGrid
{
    /// <summary>
    /// Lays out <paramref name="images"/> (count × shape.Pixels floats, channels first) row by row,
    /// <paramref name="columns"/> per row, separated by <paramref name="gap"/> pixels of <paramref name="background"/>.
    /// </summary>
    public static (float[] Pixels, ImageShape Shape) Tile(ReadOnlySpan<float> images, ImageShape shape, int columns,
        int gap = 1, float background = 1f)
    {
        if (shape.Pixels == 0 || images.Length % shape.Pixels != 0)
            throw new ArgumentException($"{images.Length} floats are not a whole number of {shape} images");
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns), "columns must be positive");
        int count = images.Length / shape.Pixels;
        if (count == 0) throw new ArgumentException("no images to tile");
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        var grid = new ImageShape(shape.Channels, rows * shape.Height + (rows - 1) * gap, columns * shape.Width + (columns - 1) * gap);
        var pixels = new float[grid.Pixels];
        Array.Fill(pixels, background);
        int plane = shape.Height * shape.Width, gridPlane = grid.Height * grid.Width;
        for (int i = 0; i < count; i++)
        {
            int top = i / columns * (shape.Height + gap), left = i % columns * (shape.Width + gap);
            for (int c = 0; c < shape.Channels; c++)
            for (int row = 0; row < shape.Height; row++)
                images.Slice(i * shape.Pixels + c * plane + row * shape.Width, shape.Width)
                    .CopyTo(pixels.AsSpan(c * gridPlane + (top + row) * grid.Width + left, shape.Width));
        }
        return (pixels, grid);
    }

    public static void WritePng(string path, ReadOnlySpan<float> images, ImageShape shape, int columns)
    {
        var (pixels, grid) = Tile(images, shape, columns);
        PngImage.Write(path, pixels, grid);
    }
}
