namespace SimGan.Evaluation.Selection;

/// <summary>
/// The unbiased squared maximum mean discrepancy (Gretton et al. 2012) between two sets of feature vectors, with a
/// Gaussian kernel of a fixed bandwidth. Unbiased, so a few dozen real photographs do not bias it upwards as they bias
/// the Fréchet distance; bounded, so one far-off image cannot dominate it as it can the cubic kernel of KID. 0 means
/// the sets are alike (noise makes it slightly negative), 2 the most unlike.
/// </summary>
public static class KernelDistance
{
    public static double Squared(double[][] a, double[][] b, double bandwidth)
    {
        if (a.Length < 2 || b.Length < 2) throw new ArgumentException("the kernel distance needs at least two samples of each set");
        if (!(bandwidth > 0)) throw new ArgumentOutOfRangeException(nameof(bandwidth), "the bandwidth must be positive");
        double gamma = 1 / (2 * bandwidth * bandwidth);
        double Kernel(double[] x, double[] y) => Math.Exp(-gamma * SquaredDistance(x, y));
        double WithinMean(double[][] s)
        {
            double sum = 0;
            for (int i = 0; i < s.Length; i++)
            for (int j = i + 1; j < s.Length; j++) sum += Kernel(s[i], s[j]);
            return 2 * sum / (s.Length * (s.Length - 1.0));
        }
        double across = 0;
        foreach (var x in a) foreach (var y in b) across += Kernel(x, y);
        return WithinMean(a) + WithinMean(b) - 2 * across / (a.Length * (double)b.Length);
    }

    /// <summary>The median distance between distinct members of a set: the usual bandwidth for a Gaussian kernel.</summary>
    public static double MedianDistance(double[][] s)
    {
        var distances = new List<double>();
        for (int i = 0; i < s.Length; i++)
        for (int j = i + 1; j < s.Length; j++) distances.Add(Math.Sqrt(SquaredDistance(s[i], s[j])));
        distances.Sort();
        return distances.Count == 0 ? 1 : distances[distances.Count / 2];
    }

    static double SquaredDistance(double[] x, double[] y)
    {
        double d = 0;
        for (int k = 0; k < x.Length; k++) d += (x[k] - y[k]) * (x[k] - y[k]);
        return d;
    }
}
