using SimGan.Core.Images;

namespace SimGan.Core.Health;

/// <summary>
/// How a batch of refined images compares with the synthetic images they came from, in three numbers that stay near 1
/// for a working refiner and fall towards 0 when it collapses. All are ratios to the synthetic batch, so they do not
/// depend on the data's own contrast.
/// </summary>
/// <param name="ContrastRatio">Median over images of the refined image's standard deviation over the synthetic one's:
/// 0 when refined images go flat (all black, all grey).</param>
/// <param name="DiversityRatio">Mean absolute difference between pairs of refined images over the same between the
/// synthetic images: 0 when every input gives the same output.</param>
/// <param name="StructureCorrelation">Mean correlation between each refined image and its input, both blurred (the
/// scale of the pupil, iris and lids): near 0 when the eye the labels describe is gone.</param>
/// <param name="Finite">False when any refined pixel is NaN or infinite.</param>
public sealed record RefinedImageHealth(double ContrastRatio, double DiversityRatio, double StructureCorrelation, bool Finite)
{
    /// <summary>Blur, in pixels, before the structure correlation: texture a refiner should add must not count against it.</summary>
    public const double StructureBlurSigma = 2.0;

    public static RefinedImageHealth Measure(ReadOnlySpan<float> synthetic, ReadOnlySpan<float> refined, int count, ImageShape shape)
    {
        int pixels = shape.Pixels;
        if (count < 2) throw new ArgumentException("image health needs at least two images");
        if (synthetic.Length < count * pixels || refined.Length < count * pixels)
            throw new ArgumentException("the pixel buffers are smaller than the batch");
        bool finite = true;
        foreach (float v in refined[..(count * pixels)]) if (!float.IsFinite(v)) { finite = false; break; }
        if (!finite) return new RefinedImageHealth(double.NaN, double.NaN, double.NaN, false);

        var ratios = new double[count];
        double correlation = 0;
        for (int i = 0; i < count; i++)
        {
            var a = synthetic.Slice(i * pixels, pixels);
            var b = refined.Slice(i * pixels, pixels);
            ratios[i] = StandardDeviation(b) / Math.Max(StandardDeviation(a), 1e-6);
            correlation += Correlation(Blur.Gaussian(a, shape, StructureBlurSigma), Blur.Gaussian(b, shape, StructureBlurSigma));
        }
        Array.Sort(ratios);
        double median = count % 2 == 1 ? ratios[count / 2] : 0.5 * (ratios[count / 2 - 1] + ratios[count / 2]);
        double diversity = MeanPairDistance(refined, count, pixels) / Math.Max(MeanPairDistance(synthetic, count, pixels), 1e-6);
        return new RefinedImageHealth(median, diversity, correlation / count, true);
    }

    static double StandardDeviation(ReadOnlySpan<float> x)
    {
        double mean = 0, square = 0;
        foreach (float v in x) mean += v;
        mean /= x.Length;
        foreach (float v in x) square += (v - mean) * (v - mean);
        return Math.Sqrt(square / x.Length);
    }

    static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length;
        mb /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - ma, y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        // A flat image has no structure to share: it correlates with nothing.
        return aa < 1e-12 || bb < 1e-12 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    static double MeanPairDistance(ReadOnlySpan<float> images, int count, int pixels)
    {
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < count; i++)
        for (int j = i + 1; j < count; j++)
        {
            var a = images.Slice(i * pixels, pixels);
            var b = images.Slice(j * pixels, pixels);
            double d = 0;
            for (int p = 0; p < pixels; p++) d += Math.Abs(a[p] - b[p]);
            total += d / pixels;
            pairs++;
        }
        return total / pairs;
    }
}
