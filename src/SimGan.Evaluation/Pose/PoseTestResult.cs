namespace SimGan.Evaluation.Pose;

/// <summary>Every joint's pixel error on a test set, and the summaries the paper reports.</summary>
public sealed record PoseTestResult(IReadOnlyList<double> Distances, int Images)
{
    public double MeanErrorPx => Distances.Average();

    /// <summary>Fraction of joints within <paramref name="pixels"/> of the truth (Table 4 reports 5).</summary>
    public double WithinPx(double pixels) => Distances.Count(d => d <= pixels) / (double)Distances.Count;

    public double[] Curve => JointError.WithinCurve(Distances);
}
