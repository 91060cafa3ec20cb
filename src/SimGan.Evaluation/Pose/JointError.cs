namespace SimGan.Evaluation.Pose;

/// <summary>
/// The paper's hand-pose metric (Table 4, after Tompson et al.): the fraction of joints whose estimate lies within d
/// pixels of the truth, for d = 0 … 20, and the mean distance in pixels.
/// </summary>
public static class JointError
{
    public const int MaxDistance = 20;

    /// <summary>Euclidean distance in pixels between each estimated joint and its truth, both (u, v) pairs in joint order.</summary>
    public static double[] Distances(ReadOnlySpan<float> estimated, ReadOnlySpan<float> truth)
    {
        if (estimated.Length != truth.Length || estimated.Length % 2 != 0)
            throw new ArgumentException($"expected two equal lists of (u, v) pairs, got {estimated.Length} and {truth.Length} values");
        var distances = new double[estimated.Length / 2];
        for (int j = 0; j < distances.Length; j++)
        {
            double du = estimated[2 * j] - truth[2 * j], dv = estimated[2 * j + 1] - truth[2 * j + 1];
            distances[j] = Math.Sqrt(du * du + dv * dv);
        }
        return distances;
    }

    /// <summary>Fraction of <paramref name="distances"/> at most d, for d = 0 … <see cref="MaxDistance"/>.</summary>
    public static double[] WithinCurve(IReadOnlyList<double> distances)
    {
        if (distances.Count == 0) throw new ArgumentException("no joints to score");
        var curve = new double[MaxDistance + 1];
        for (int d = 0; d <= MaxDistance; d++) curve[d] = distances.Count(x => x <= d) / (double)distances.Count;
        return curve;
    }
}
