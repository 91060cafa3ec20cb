using System.Buffers;

namespace SimGan.Data.Eyes;

/// <summary>The optics and sensor of a webcam, applied to a rendered patch in place.</summary>
public static class CameraEffects
{
    /// <summary>Defocus as a separable Gaussian; edges are clamped so borders do not darken.</summary>
    public static void GaussianBlur(Span<float> image, int height, int width, float sigma)
    {
        if (sigma <= 0.05f) return;
        int radius = Math.Min(8, (int)MathF.Ceiling(3 * sigma));
        Span<float> kernel = stackalloc float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;

        float[] rented = ArrayPool<float>.Shared.Rent(image.Length);
        var temp = rented.AsSpan(0, image.Length);
        for (int row = 0; row < height; row++)
        for (int col = 0; col < width; col++)
        {
            float acc = 0;
            for (int k = -radius; k <= radius; k++)
                acc += kernel[k + radius] * image[row * width + Math.Clamp(col + k, 0, width - 1)];
            temp[row * width + col] = acc;
        }
        for (int row = 0; row < height; row++)
        for (int col = 0; col < width; col++)
        {
            float acc = 0;
            for (int k = -radius; k <= radius; k++)
                acc += kernel[k + radius] * temp[Math.Clamp(row + k, 0, height - 1) * width + col];
            image[row * width + col] = acc;
        }
        ArrayPool<float>.Shared.Return(rented);
    }

    /// <summary>Read noise plus shot noise that grows with brightness, from a per-image hash key.</summary>
    public static void SensorNoise(Span<float> image, int height, int width, float sigma, ulong key)
    {
        for (int row = 0; row < height; row++)
        for (int col = 0; col < width; col++)
        {
            ref float v = ref image[row * width + col];
            v += sigma * (0.5f + MathF.Sqrt(MathF.Max(0f, v))) * PixelHash.Gaussian(key, col, row);
        }
    }

    /// <summary>
    /// 8-bit histogram equalisation as OpenCV's equalizeHist, which MPIIGaze applies to its normalised eye patches;
    /// the result is quantised to 8 bits like a decoded camera image.
    /// </summary>
    public static void EqualizeHistogram(Span<float> image)
    {
        Span<int> histogram = stackalloc int[256];
        histogram.Clear();
        foreach (float v in image) histogram[ToByte(v)]++;
        int first = 0;
        while (histogram[first] == 0) first++;
        int total = image.Length, below = histogram[first];
        if (below == total)
        {
            for (int i = 0; i < image.Length; i++) image[i] = ToByte(image[i]) / 255f;
            return;
        }
        Span<float> map = stackalloc float[256];
        int cumulative = 0;
        for (int level = 0; level < 256; level++)
        {
            cumulative += histogram[level];
            map[level] = MathF.Round(Math.Max(0, cumulative - below) * 255f / (total - below)) / 255f;
        }
        for (int i = 0; i < image.Length; i++) image[i] = map[ToByte(image[i])];
    }

    static int ToByte(float v) => Math.Clamp((int)(v * 255f + 0.5f), 0, 255);
}
