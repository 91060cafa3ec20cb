using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Health;

/// <summary>
/// Watches a run for collapse and divergence: every sample sheet's refined images (flat, all alike, the eye gone, NaN)
/// and D's loss (pinned near 0). A problem that lasts <see cref="HealthThresholds.Patience"/> checks, or any NaN,
/// makes the run collapsed; what to do then is the caller's choice. Pure bookkeeping over what the trainer reports.
/// </summary>
/// <remarks>
/// Images are judged only once the adversarial phase has begun: until pretraining has taught R to reproduce its
/// input, a freshly initialised refiner's output is flat by construction, not by collapse. NaN counts in any phase.
/// </remarks>
public sealed class TrainingHealthWatch(HealthThresholds thresholds)
{
    // About the last 100 D steps; the schedule's own running mean is faster and made for adapting K_g.
    const double DLossMemory = 0.99;
    double recentDLoss = double.NaN;
    bool lossNotFinite, adversarial;
    int unhealthy;

    public HealthThresholds Thresholds { get; } = thresholds;

    public HealthCheck? Last { get; private set; }

    public bool Collapsed => Last?.Status == HealthStatus.Collapsed;

    public void OnStep(StepRecord record)
    {
        adversarial = record.Phase == Phase.Adversarial;
        // An fp16 step that overflowed was skipped and its scale halved: the loss scaling's business, not a divergence.
        if (record.Skipped) return;
        foreach (double loss in ComputedLosses(record))
            if (!double.IsFinite(loss)) lossNotFinite = true;
        // D's pretraining is meant to let it win; only the adversarial phase's D loss says something about R.
        if (adversarial && record.Kind == StepKind.DiscriminatorStep && double.IsFinite(record.LossD))
            recentDLoss = double.IsNaN(recentDLoss) ? record.LossD : DLossMemory * recentDLoss + (1 - DLossMemory) * record.LossD;
    }

    /// <summary>Checks a sample sheet's images; call it with every sheet, in step order.</summary>
    public HealthCheck Check(long step, ReadOnlySpan<float> synthetic, ReadOnlySpan<float> refined, int count, ImageShape shape)
    {
        var images = RefinedImageHealth.Measure(synthetic, refined, count, shape);
        var judged = Thresholds.Judge(images);
        var problem = lossNotFinite ? HealthProblem.NotFinite
            : adversarial || judged == HealthProblem.NotFinite ? judged
            : HealthProblem.None;
        unhealthy = problem == HealthProblem.None ? 0 : unhealthy + 1;
        bool dWins = recentDLoss < Thresholds.LowDiscriminatorLoss;
        var status = problem == HealthProblem.NotFinite || unhealthy >= Thresholds.Patience ? HealthStatus.Collapsed
            : problem != HealthProblem.None || dWins ? HealthStatus.Warning
            : HealthStatus.Healthy;
        Last = new HealthCheck(step, images, problem, recentDLoss, dWins, unhealthy, status);
        return Last;
    }

    // A loss the step did not compute is NaN by convention (StepRecord); only a computed one that went NaN is a problem.
    static IEnumerable<double> ComputedLosses(StepRecord r) =>
        r.Kind == StepKind.DiscriminatorStep ? [r.LossD]
        : r.Phase == Phase.Adversarial ? [r.LossRAdv, r.LossRReg]
        : [r.LossRReg];
}
