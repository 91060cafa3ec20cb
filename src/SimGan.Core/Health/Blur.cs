using SimGan.Core.Images;

namespace SimGan.Core.Health;

/// <summary>A separable Gaussian blur of one image on the CPU, borders clamped (no tensors: health checks run anywhere).</summary>
static class Blur
{
    public static float[] Gaussian(ReadOnlySpan<float> image, ImageShape shape, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
        for (int k = 0; k < kernel.Length; k++) kernel[k] /= sum;

        int h = shape.Height, w = shape.Width, plane = h * w;
        var rows = new float[image.Length];
        var result = new float[image.Length];
        for (int c = 0; c < shape.Channels; c++)
        {
            int o = c * plane;
            for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * image[o + y * w + Math.Clamp(x + k, 0, w - 1)];
                rows[o + y * w + x] = (float)acc;
            }
            for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * rows[o + Math.Clamp(y + k, 0, h - 1) * w + x];
                result[o + y * w + x] = (float)acc;
            }
        }
        return result;
    }
}
