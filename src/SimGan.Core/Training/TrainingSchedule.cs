namespace SimGan.Core.Training;

public enum Phase { PretrainR, PretrainD, Adversarial, Done }

public enum StepKind { RefinerStep, DiscriminatorStep, Done }

/// <summary>What the schedule remembers; a checkpoint stores exactly this.</summary>
/// <param name="RefinerScale">fp16's loss scale for R's steps (<see cref="Loop.LossScale"/>), as DiscriminatorScale is D's;
/// both null in checkpoints from before them.</param>
public sealed record ScheduleState(long Step, long RSteps, long DSteps, int CyclePosition, int CurrentKG, int CyclesSinceAdjust, double RecentDLoss,
                                   Loop.LossScale? RefinerScale = null, Loop.LossScale? DiscriminatorScale = null);

/// <summary>
/// The paper's Algorithm 1 as a state machine: pretrain R on self-regularisation, pretrain D, then K_g refiner steps
/// per K_d discriminator steps until the step budget (pretraining included) is spent. No maths, no tensors.
/// </summary>
public sealed class TrainingSchedule
{
    private readonly TrainingOptions options;
    private ScheduleState state;

    public TrainingSchedule(TrainingOptions options, ScheduleState? resumeFrom = null)
    {
        this.options = options;
        state = resumeFrom ?? new ScheduleState(0, 0, 0, 0, options.AdaptiveKG ? 1 : options.KG, 0, double.NaN);
        // The precision may change on resume (TrainingOptions.Precision): scaling starts, goes on, or stops with it.
        bool scaling = LossScaling.Scales(options);
        state = state with
        {
            RefinerScale = Loop.LossScale.For(scaling, state.RefinerScale),
            DiscriminatorScale = Loop.LossScale.For(scaling, state.DiscriminatorScale),
        };
    }

    /// <summary>The loss scale the slices of the next step of this kind use (1 unless the run is in fp16).</summary>
    public float LossScaleFor(StepKind kind) => (kind == StepKind.RefinerStep ? state.RefinerScale : state.DiscriminatorScale)!.Factor;

    public ScheduleState State => state;

    public long Step => state.Step;

    public int CurrentKG => state.CurrentKG;

    public Phase Phase =>
        state.Step >= options.Steps ? Phase.Done
        : state.Step < options.PretrainRSteps ? Phase.PretrainR
        : state.Step < options.PretrainRSteps + options.PretrainDSteps ? Phase.PretrainD
        : Phase.Adversarial;

    /// <summary>The next step to run. Calling it twice without <see cref="Completed"/> returns the same answer.</summary>
    public StepKind Next() => Phase switch
    {
        Phase.Done => StepKind.Done,
        Phase.PretrainR => StepKind.RefinerStep,
        Phase.PretrainD => StepKind.DiscriminatorStep,
        _ => state.CyclePosition < state.CurrentKG ? StepKind.RefinerStep : StepKind.DiscriminatorStep,
    };

    /// <summary>
    /// Records that the step returned by <see cref="Next"/> finished; dLoss is D's loss for D steps. A step whose
    /// gradient was not finite (fp16 overflow: its optimizer step was skipped) still counts, and halves its scale.
    /// </summary>
    public void Completed(StepKind kind, double dLoss = double.NaN, bool finite = true)
    {
        if (kind != Next()) throw new InvalidOperationException($"the schedule expected {Next()}, not {kind}");
        bool adversarial = Phase == Phase.Adversarial;
        var s = state with
        {
            Step = state.Step + 1,
            RSteps = state.RSteps + (kind == StepKind.RefinerStep ? 1 : 0),
            DSteps = state.DSteps + (kind == StepKind.DiscriminatorStep ? 1 : 0),
            RefinerScale = kind == StepKind.RefinerStep ? state.RefinerScale!.After(finite) : state.RefinerScale,
            DiscriminatorScale = kind == StepKind.DiscriminatorStep ? state.DiscriminatorScale!.After(finite) : state.DiscriminatorScale,
        };
        // A skipped fp16 step's loss may be infinite; folded in, it would pin the running loss (and adaptive K_g) for good.
        if (kind == StepKind.DiscriminatorStep && finite && double.IsFinite(dLoss))
            s = s with { RecentDLoss = double.IsNaN(s.RecentDLoss) ? dLoss : 0.9 * s.RecentDLoss + 0.1 * dLoss };
        if (adversarial)
        {
            int position = s.CyclePosition + 1;
            if (position >= s.CurrentKG + options.KD)
            {
                position = 0;
                s = AdjustKG(s with { CyclesSinceAdjust = s.CyclesSinceAdjust + 1 });
            }
            s = s with { CyclePosition = position };
        }
        state = s;
    }

    /// <summary>
    /// The paper's advice: when D's loss stays low, R is not keeping up, so give it more steps per cycle; slowly,
    /// and never beyond the configured K_g.
    /// </summary>
    private ScheduleState AdjustKG(ScheduleState s)
    {
        if (!options.AdaptiveKG || s.CyclesSinceAdjust < 10) return s;
        int kg = s.RecentDLoss < options.AdaptiveKGLowLoss ? Math.Min(options.KG, s.CurrentKG + 1) : s.CurrentKG;
        return s with { CurrentKG = kg, CyclesSinceAdjust = 0 };
    }
}
