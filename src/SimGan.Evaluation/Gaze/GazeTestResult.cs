namespace SimGan.Evaluation.Gaze;

/// <summary>How a gaze estimator did on a labelled test set.</summary>
/// <param name="ErrorsDeg">Angular error of every test image, in test-set order.</param>
public sealed record GazeTestResult(double[] ErrorsDeg)
{
    /// <summary>The paper's Fig. 7 curve runs from 0 to 25 degrees.</summary>
    public const int CurveMaxDeg = 25;

    public int Tested => ErrorsDeg.Length;

    public double MeanErrorDeg => ErrorsDeg.Length == 0 ? double.NaN : ErrorsDeg.Average();

    public double WithinDeg(double degrees) =>
        ErrorsDeg.Length == 0 ? double.NaN : ErrorsDeg.Count(e => e <= degrees) / (double)ErrorsDeg.Length;

    /// <summary>Fraction of test images with error ≤ d degrees, for d = 0, 1, …, 25.</summary>
    public double[] Cumulative() =>
        Enumerable.Range(0, CurveMaxDeg + 1).Select(d => WithinDeg(d)).ToArray();
}
