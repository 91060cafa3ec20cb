namespace SimGan.Evaluation.Selection;

/// <summary>How one checkpoint's refiner did on the validation images.</summary>
/// <param name="Realism">Kernel distance (×100, 0 to 200) of refined validation images to the held-out real images: lower is more real.</param>
/// <param name="PupilShiftPx">Mean pupil shift between validation images and their refined versions.</param>
/// <param name="DetectionFailures">Pairs where either pupil could not be found, out of <paramref name="Pairs"/>.</param>
public sealed record CheckpointScore(long Step, double Realism, double PupilShiftPx, int DetectionFailures, int Pairs)
{
    public double FailureFraction => Pairs == 0 ? 1 : DetectionFailures / (double)Pairs;
}
