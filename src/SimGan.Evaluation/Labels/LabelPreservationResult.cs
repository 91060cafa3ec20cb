namespace SimGan.Evaluation.Labels;

/// <summary>
/// How far refinement moved the pupil (same detector on both images) and how much it changed pixels overall.
/// </summary>
/// <param name="ShiftsPx">Pupil shift of every pair where both detections succeeded.</param>
/// <param name="MeanAbsPixelChange">Mean |refined − synthetic| over all pixels of all pairs, on the [0, 1] scale.</param>
/// <param name="Pairs">Pairs compared.</param>
/// <param name="DetectionFailures">Pairs where the detector found no pupil in one image or both.</param>
public sealed record LabelPreservationResult(double[] ShiftsPx, double MeanAbsPixelChange, int Pairs, int DetectionFailures)
{
    public double ShiftMeanPx => ShiftsPx.Length == 0 ? double.NaN : ShiftsPx.Average();

    /// <summary>Sample standard deviation (n − 1), as "mean ± sd" is usually read.</summary>
    public double ShiftSdPx
    {
        get
        {
            if (ShiftsPx.Length < 2) return ShiftsPx.Length == 1 ? 0 : double.NaN;
            double mean = ShiftMeanPx;
            return Math.Sqrt(ShiftsPx.Sum(s => (s - mean) * (s - mean)) / (ShiftsPx.Length - 1));
        }
    }
}
