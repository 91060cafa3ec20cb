namespace SimGan.Data.Imaging;

/// <summary>Cuts a box out of a float plane; parts of the box outside the image repeat the nearest edge pixel.</summary>
public static class Crop
{
    public static float[] Plane(ReadOnlySpan<float> plane, int height, int width, int left, int top, int cropWidth, int cropHeight)
    {
        if (cropWidth <= 0 || cropHeight <= 0 || (long)cropWidth * cropHeight > ImageDecoder.MaxPixels)
            throw new ArgumentOutOfRangeException(nameof(cropWidth), $"a {cropWidth}×{cropHeight} crop is empty or over the image size limit");
        var result = new float[cropWidth * cropHeight];
        // Long sums: a box far outside the image must clamp to its edge, not wrap around.
        for (int row = 0; row < cropHeight; row++)
        {
            int y = (int)Math.Clamp((long)top + row, 0, height - 1);
            for (int col = 0; col < cropWidth; col++)
                result[row * cropWidth + col] = plane[y * width + (int)Math.Clamp((long)left + col, 0, width - 1)];
        }
        return result;
    }
}
