namespace SimGan.Data.Imaging;

/// <summary>
/// Separable resizing of one float plane with a triangle filter widened by the scale factor when shrinking, so
/// downsampling averages (no aliasing) and upsampling interpolates bilinearly.
/// </summary>
public static class Resampler
{
    public static void Resize(ReadOnlySpan<float> source, int sourceHeight, int sourceWidth,
        Span<float> destination, int height, int width)
    {
        if (sourceHeight == height && sourceWidth == width)
        {
            source.CopyTo(destination);
            return;
        }
        var columns = Weights(sourceWidth, width);
        var rows = Weights(sourceHeight, height);
        var horizontal = new float[sourceHeight * width];
        for (int y = 0; y < sourceHeight; y++)
        for (int x = 0; x < width; x++)
        {
            var (start, taps) = columns[x];
            float acc = 0;
            for (int k = 0; k < taps.Length; k++) acc += taps[k] * source[y * sourceWidth + start + k];
            horizontal[y * width + x] = acc;
        }
        for (int y = 0; y < height; y++)
        {
            var (start, taps) = rows[y];
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int k = 0; k < taps.Length; k++) acc += taps[k] * horizontal[(start + k) * width + x];
                destination[y * width + x] = acc;
            }
        }
    }

    static (int Start, float[] Taps)[] Weights(int sourceSize, int size)
    {
        double scale = (double)sourceSize / size;
        double support = Math.Max(1.0, scale);
        var weights = new (int, float[])[size];
        for (int i = 0; i < size; i++)
        {
            double centre = (i + 0.5) * scale - 0.5;
            int first = Math.Max(0, (int)Math.Floor(centre - support) + 1);
            int last = Math.Min(sourceSize - 1, (int)Math.Ceiling(centre + support) - 1);
            if (last < first) first = last = Math.Clamp((int)Math.Round(centre), 0, sourceSize - 1);
            var taps = new float[last - first + 1];
            double sum = 0;
            for (int k = first; k <= last; k++) sum += taps[k - first] = (float)Math.Max(0, 1 - Math.Abs(k - centre) / support);
            if (sum <= 0) { Array.Fill(taps, 1f / taps.Length); sum = 1; }
            for (int k = 0; k < taps.Length; k++) taps[k] = (float)(taps[k] / sum);
            weights[i] = (first, taps);
        }
        return weights;
    }
}
