namespace SimGan.Core.Training.Loop;

/// <summary>
/// Algorithm 1 of the paper, once, as a state machine with no tensors and no clock: it says what work a step needs
/// (slices of R's and D's steps, applying their sums, recording, samples, checkpoints) and moves on as the answers come
/// in. The local trainer runs its work one item after another in this process; the cluster's coordinator sends it out
/// as messages and persists what comes back. Both therefore take the same steps on the same data in the same order, by
/// construction, and the schedule, the random draws and the history's slot plan live only here.
/// </summary>
/// <remarks>
/// Versions: R's version is the number of R steps taken, D's the number of D steps, so a slice names the weights it
/// must be computed with and a worker that holds other weights knows it. A D step samples the history and plans where
/// its current images go before any slice runs (sample first, then add, as the paper does), so its slices can read and
/// write the history anywhere, in any order (<see cref="HistoryImages"/>).
/// </remarks>
public sealed class TrainingLoop
{
    enum Waiting { Nothing, RefinerSlices, RefinerApplied, DiscriminatorSlices, DiscriminatorApplied, Checkpoint, Finished }

    readonly TrainingOptions options;
    readonly long firstStep;
    Waiting waiting;
    StepKind kind;
    Phase phase;
    RefinerSliceGradient?[] refinerSlices = [];
    SliceGradient?[] discriminatorSlices = [];
    long lastSaved, lastSampled;
    bool finishing, checkpointRequested;

    public TrainingLoop(TrainingOptions options, TrainingSchedule schedule, DeterministicRandom random, HistorySlots slots)
    {
        options.Validate();
        this.options = options;
        Schedule = schedule;
        Random = random;
        Slots = slots;
        firstStep = lastSaved = lastSampled = schedule.Step;
    }

    /// <summary>A loop at the start of a run.</summary>
    public static TrainingLoop Start(TrainingOptions options) =>
        new(options, new TrainingSchedule(options), new DeterministicRandom(options.Seed ^ 0x5EEDUL), new HistorySlots(options.BufferSize));

    public TrainingSchedule Schedule { get; }

    public DeterministicRandom Random { get; }

    public HistorySlots Slots { get; }

    public long Step => Schedule.Step;

    public long RefinerVersion => Schedule.State.RSteps;

    public long DiscriminatorVersion => Schedule.State.DSteps;

    /// <summary>No step is in flight and nothing is being saved: the runner may <see cref="Advance"/> or <see cref="Stop"/>.</summary>
    public bool Idle => waiting == Waiting.Nothing;

    public bool Finished => waiting == Waiting.Finished;

    /// <summary>The kind of the step in flight (or last finished).</summary>
    public StepKind Kind => kind;

    /// <summary>Saves after the step in flight finishes (or after the next one, when idle), whatever the interval says.</summary>
    public void RequestCheckpoint() => checkpointRequested = true;

    /// <summary>Starts the next step, or finishes the run when the budget is spent.</summary>
    public IReadOnlyList<LoopWork> Advance()
    {
        RequireIdle(nameof(Advance));
        kind = Schedule.Next();
        if (kind == StepKind.Done) return Finish();
        phase = Schedule.Phase;
        return kind == StepKind.RefinerStep ? StartRefinerStep() : StartDiscriminatorStep();
    }

    /// <summary>Ends the run early (Ctrl+C, a collapse): a last sample sheet and checkpoint unless they are current.</summary>
    public IReadOnlyList<LoopWork> Stop()
    {
        RequireIdle(nameof(Stop));
        return Finish();
    }

    public IReadOnlyList<LoopWork> Handle(LoopEvent e)
    {
        if (e.Step != Step) return [];
        switch (e)
        {
            case RefinerSliceDone done when waiting == Waiting.RefinerSlices:
                if (!Accept(refinerSlices, done.Slice, done.Result)) return [];
                waiting = Waiting.RefinerApplied;
                return [new ApplyRefinerStep(Step, refinerSlices.Select(s => s!).ToArray())];
            case RefinerStepApplied applied when waiting == Waiting.RefinerApplied:
                return Complete(double.NaN, applied.Losses, finite: !applied.Losses.Skipped);
            case DiscriminatorSliceDone done when waiting == Waiting.DiscriminatorSlices:
                if (!Accept(discriminatorSlices, done.Slice, done.Result)) return [];
                waiting = Waiting.DiscriminatorApplied;
                return [new ApplyDiscriminatorStep(Step, discriminatorSlices.Select(s => s!).ToArray())];
            case DiscriminatorStepApplied applied when waiting == Waiting.DiscriminatorApplied:
                return Complete(applied.Loss, new RefinerLosses(double.NaN, double.NaN), finite: !applied.Skipped);
            case CheckpointSaved when waiting == Waiting.Checkpoint:
                lastSaved = Step;
                waiting = finishing ? Waiting.Finished : Waiting.Nothing;
                return finishing ? [new LoopFinished(Step)] : [];
            default:
                // A duplicate or late answer (a retried message, a slice computed twice): already counted.
                return [];
        }
    }

    IReadOnlyList<LoopWork> StartRefinerStep()
    {
        int rows = options.BatchSize;
        var ranges = RefinerSlices.Split(rows, options.RefinerSlices);
        refinerSlices = new RefinerSliceGradient?[ranges.Length];
        waiting = Waiting.RefinerSlices;
        bool adversarial = phase == Phase.Adversarial;
        float scale = Schedule.LossScaleFor(StepKind.RefinerStep);
        return ranges.Select((r, k) => (LoopWork)new ComputeRefinerSlice(Step, k, Schedule.State.RSteps, r, rows, adversarial,
            RefinerVersion, DiscriminatorVersion, scale)).ToArray();
    }

    IReadOnlyList<LoopWork> StartDiscriminatorStep()
    {
        int half = options.BatchSize / 2;
        // The paper's mix: half current refined images, half from the history (only current ones until it can supply).
        bool history = Slots.CanSample(half);
        int[] read = history ? Slots.PlanSample(half, Random) : [];
        int[] write = Slots.PlanAdd(half, Random);
        int refinedTotal = half + read.Length, realTotal = options.BatchSize;
        // Each slice: its share of the current half and of the real batch (Split refuses a count they cannot take),
        // and its share of the history rows.
        var ranges = DiscriminatorSlices.Split(half, realTotal, options.DiscriminatorSlices);
        discriminatorSlices = new SliceGradient?[ranges.Length];
        waiting = Waiting.DiscriminatorSlices;
        long batch = Schedule.State.DSteps;
        float scale = Schedule.LossScaleFor(StepKind.DiscriminatorStep);
        return ranges.Select((r, k) =>
        {
            RowRange current = new(r.RefinedStart, r.RefinedCount), history = RowRange.Part(read.Length, k, ranges.Length);
            var rows = new DiscriminatorSliceRows(batch, half, refinedTotal, realTotal, current, history, new RowRange(r.RealStart, r.RealCount),
                ReadSlots: read.Skip(history.Start).Take(history.Count).ToArray(),
                WriteSlots: write.Skip(current.Start).Take(current.Count).ToArray());
            return (LoopWork)new ComputeDiscriminatorSlice(Step, k, rows, RefinerVersion, DiscriminatorVersion, scale);
        }).ToArray();
    }

    static bool Accept<T>(T?[] slices, int slice, T result) where T : class
    {
        if (slice < 0 || slice >= slices.Length || slices[slice] is not null) return false;
        slices[slice] = result;
        return slices.All(s => s is not null);
    }

    IReadOnlyList<LoopWork> Complete(double lossD, RefinerLosses lossR, bool finite)
    {
        long step = Step;
        var scale = kind == StepKind.RefinerStep ? Schedule.State.RefinerScale! : Schedule.State.DiscriminatorScale!;
        Schedule.Completed(kind, lossD, finite);
        int images = kind == StepKind.RefinerStep ? options.BatchSize : 2 * options.BatchSize;
        var work = new List<LoopWork>
        {
            new RecordStep(new StepRecord(step, phase, kind, lossD, lossR.Adversarial, lossR.SelfRegularization, double.NaN,
                                          Schedule.CurrentKG, Slots.Count, scale.Active ? scale.Factor : null, !finite), images),
        };
        if (Step % options.SampleEvery == 0)
        {
            work.Add(new EmitSamples(Step));
            lastSampled = Step;
        }
        if (Step % options.CheckpointEvery == 0 || checkpointRequested)
        {
            checkpointRequested = false;
            work.Add(new SaveCheckpoint(Step));
            waiting = Waiting.Checkpoint;
        }
        else waiting = Waiting.Nothing;
        return work;
    }

    IReadOnlyList<LoopWork> Finish()
    {
        finishing = true;
        var work = new List<LoopWork>();
        // Every run ends with a sheet of what it made, however short it was.
        if (Step != lastSampled && Step > firstStep)
        {
            work.Add(new EmitSamples(Step));
            lastSampled = Step;
        }
        if (Step != lastSaved)
        {
            work.Add(new SaveCheckpoint(Step));
            waiting = Waiting.Checkpoint;
        }
        else
        {
            work.Add(new LoopFinished(Step));
            waiting = Waiting.Finished;
        }
        return work;
    }

    void RequireIdle(string what)
    {
        if (!Idle) throw new InvalidOperationException($"{what}: step {Step} is still in flight ({waiting})");
    }
}
