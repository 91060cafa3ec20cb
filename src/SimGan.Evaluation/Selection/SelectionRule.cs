namespace SimGan.Evaluation.Selection;

/// <summary>
/// Which checkpoint is best: among those that keep the labels (mean pupil shift and detection failures within
/// bounds), the most real (lowest kernel distance); when none keeps them, the one that moves the pupil least.
/// Label preservation comes first because a refiner that makes real-looking images of other eyes is worse than none.
/// </summary>
public sealed record SelectionRule(double MaxPupilShiftPx = 1.5, double MaxFailureFraction = 0.1)
{
    public bool KeepsLabels(CheckpointScore s) =>
        double.IsFinite(s.PupilShiftPx) && s.PupilShiftPx <= MaxPupilShiftPx && s.FailureFraction <= MaxFailureFraction;

    public bool IsBetter(CheckpointScore candidate, CheckpointScore? best)
    {
        if (best is null) return true;
        bool a = KeepsLabels(candidate), b = KeepsLabels(best);
        if (a != b) return a;
        if (!a) return Order(candidate.PupilShiftPx) < Order(best.PupilShiftPx);
        return Order(candidate.Realism) < Order(best.Realism);
    }

    public string Describe() => $"lowest kernel distance to the held-out real images among checkpoints with mean pupil shift ≤ {MaxPupilShiftPx} px " +
                                $"and ≤ {MaxFailureFraction:P0} detection failures (if none qualifies: the smallest pupil shift)";

    static double Order(double v) => double.IsNaN(v) ? double.PositiveInfinity : v;
}
