namespace SimGan.Data.Imaging;

/// <summary>Cuts a box out of a float plane; parts of the box outside the image repeat the nearest edge pixel.</summary>
public static class Crop
{
    public static float[] Plane(ReadOnlySpan<float> plane, int height, int width, int left, int top, int cropWidth, int cropHeight)
    {
        var result = new float[cropWidth * cropHeight];
        for (int row = 0; row < cropHeight; row++)
        {
            int y = Math.Clamp(top + row, 0, height - 1);
            for (int col = 0; col < cropWidth; col++)
                result[row * cropWidth + col] = plane[y * width + Math.Clamp(left + col, 0, width - 1)];
        }
        return result;
    }
}
