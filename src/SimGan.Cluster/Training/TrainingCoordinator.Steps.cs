using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.Protocol;
using SimGan.Core.Checkpoints;
using SimGan.Core.Training;

namespace SimGan.Cluster.Training;

/// <summary>The step loop: one step in flight at a time, each waiting only for the replies it needs.</summary>
public sealed partial class TrainingCoordinator
{
    private enum Waiting { Nothing, RefinerBatch, DiscriminatorBatches, History, Slices, Puts, SnapshotHistory, SnapshotSave }

    private Waiting waiting;
    private StepKind kind;
    private Phase phase;
    private readonly Stopwatch stepWatch = new();
    private DateTime requestedAt;
    private float[]? dSynthetic, dReal, currentValues, currentPixels, refinedValues, realValues;
    private int refinedCount, realCount;
    private long dispatched;
    private SliceRange[] ranges = [];
    private SliceAssignments? assignments;
    private ShardedImages? gather;
    private Dictionary<int, (int[] Local, float[] Pixels)> puts = new();
    private double pendingLossD;
    private bool finishing, interrupted, running;
    private DateTime? noWorkersSince;
    private readonly PhaseClock clock = new();

    private int Half => Options.BatchSize / 2;

    private void Running()
    {
        running = true;
        Timers.Cancel("retry");
        Become(() =>
        {
            CommonCommands();
            Command<ContinueTraining>(_ => NextStep());
            Command<BatchReady>(OnBatch);
            Command<ImagesSampled>(OnSampled);
            Command<ImagesPut>(OnPut);
            Command<SliceComputed>(OnSliceComputed);
            Command<SliceRefused>(OnSliceRefused);
            Command<ShardCheckpointed>(_ => { });
            Command<Tick>(_ => OnTick());
            Command<FeedingStarted>(_ => { });
            Command<FeedingFailed>(m => Fail(m.Reason, input: true));
            Command<ShardConfigured>(_ => { });
        });
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(500));
        log.Info("training from step {0} with {1} discriminator worker(s)", schedule!.Step, workers.Count);
        feeder.Tell(new RequestBatch(DataStream.Samples, 0));
        Self.Tell(new ContinueTraining());
    }

    private void NextStep()
    {
        log.Debug("next step: waiting {0}, paused {1}, finished {2}", waiting, paused, finished);
        if (finished || waiting != Waiting.Nothing) return;
        if (stopRequested) { FinishRun(interrupted: true); return; }
        if (paused) return;
        kind = schedule!.Next();
        if (kind == StepKind.Done) { FinishRun(interrupted: false); return; }
        phase = schedule.Phase;
        stepWatch.Restart();
        clock.Enter("waiting for the feeder");
        if (kind == StepKind.RefinerStep)
        {
            waiting = Waiting.RefinerBatch;
            RequestBatches();
        }
        else
        {
            waiting = Waiting.DiscriminatorBatches;
            dSynthetic = dReal = null;
            RequestBatches();
        }
    }

    private void RequestBatches()
    {
        requestedAt = DateTime.UtcNow;
        var state = schedule!.State;
        if (waiting == Waiting.RefinerBatch) feeder.Tell(new RequestBatch(DataStream.SyntheticForRefiner, state.RSteps));
        if (waiting == Waiting.DiscriminatorBatches)
        {
            if (dSynthetic is null) feeder.Tell(new RequestBatch(DataStream.SyntheticForDiscriminator, state.DSteps));
            if (dReal is null) feeder.Tell(new RequestBatch(DataStream.Real, state.DSteps));
        }
    }

    private void OnBatch(BatchReady m)
    {
        log.Debug("batch {0}/{1} arrived while waiting for {2}", m.Stream, m.Number, waiting);
        var state = schedule!.State;
        if (m.Stream == DataStream.Samples && m.Number == 0) { samplePixels ??= m.Pixels; return; }
        if (waiting == Waiting.RefinerBatch && m.Stream == DataStream.SyntheticForRefiner && m.Number == state.RSteps)
        {
            clock.Enter("R step (compute)");
            var losses = trainer!.RefinerStepOn(m.Pixels, m.Count, adversarial: phase == Phase.Adversarial, step: state.Step);
            CompleteStep(double.NaN, losses, Options.BatchSize);
        }
        else if (waiting == Waiting.DiscriminatorBatches && m.Number == state.DSteps)
        {
            if (m.Stream == DataStream.SyntheticForDiscriminator) dSynthetic = m.Pixels;
            if (m.Stream == DataStream.Real) dReal = m.Pixels;
            if (dSynthetic is not null && dReal is not null) StartDiscriminatorStep();
        }
    }

    // ---- D step: refine, read history, slices to workers, apply, store history ---------------------------------

    private void StartDiscriminatorStep()
    {
        clock.Enter("refining D's batch (compute)");
        (currentValues, currentPixels) = trainer!.Refine(dSynthetic!, Half);
        // The paper's mix: half current refined images, half from the history (only current ones until it can supply).
        if (slots!.CanSample(Half))
        {
            waiting = Waiting.History;
            clock.Enter("reading the history buffer");
            StartGather(slots.PlanSample(Half, rng!));
        }
        else BuildSlices(null);
    }

    private void StartGather(int[] globalSlots)
    {
        var groups = layout!.Group(globalSlots);
        gather = new ShardedImages(++requestCounter, globalSlots.Length, Shape.Pixels, groups.ToDictionary(g => g.Key, g => g.Value.Positions));
        requestedAt = DateTime.UtcNow;
        foreach (var (shard, (local, _)) in groups) buffer.Tell(new SampleImages(settings.RunId, shard, gather.Request, local.ToArray()));
        gatherSlots = groups.ToDictionary(g => g.Key, g => g.Value.Local.ToArray());
        if (gather.Complete) OnGathered();
    }

    private Dictionary<int, int[]> gatherSlots = new();

    private void OnSampled(ImagesSampled m)
    {
        if (gather is null || m.Request != gather.Request || m.Run != settings.RunId) return;
        if (gather.Accept(m.Shard, m.Pixels) is { } refused) log.Warning("{0}; asking it again", refused);
        if (gather.Complete) OnGathered();
    }

    private void OnGathered()
    {
        var pixels = gather!.Pixels;
        gather = null;
        if (waiting == Waiting.History) BuildSlices(pixels);
        else if (waiting == Waiting.SnapshotHistory) SaveSnapshotWith(pixels);
    }

    private void BuildSlices(float[]? historyPixels)
    {
        refinedValues = historyPixels is null ? currentValues! : [.. currentValues!, .. trainer!.ToNetworkValues(historyPixels, Half)];
        refinedCount = Half + (historyPixels is null ? 0 : Half);
        realValues = trainer!.ToNetworkValues(dReal!, Options.BatchSize);
        realCount = Options.BatchSize;
        ranges = DiscriminatorSlices.Split(refinedCount, realCount, Options.DiscriminatorSlices);
        clock.Enter("D slices on the workers (compute, wire, waiting)");
        assignments = new SliceAssignments(schedule!.Step, ranges.Length);
        waiting = Waiting.Slices;
        Dispatch();
    }

    private void Dispatch()
    {
        if (waiting != Waiting.Slices || assignments is null || workers.Count == 0) return;
        int p = Shape.Pixels;
        foreach (int k in assignments.Unassigned.ToList())
        {
            // Round robin over the workers; a slice handed out again tends to go to a different one.
            var worker = workers[(int)(dispatched++ % workers.Count)];
            long version = trainer!.DiscriminatorVersion;
            DiscriminatorWeights? weights = null;
            if (workerVersions.GetValueOrDefault(worker, -1) != version)
            {
                weights = new DiscriminatorWeights(version, trainer.OptionsJson, Shape.Channels, trainer.DiscriminatorWeights());
                workerVersions[worker] = version;
            }
            var r = ranges[k];
            worker.Tell(new ComputeSlice(assignments.Step, k, version, weights, Shape.Channels, Shape.Height, Shape.Width,
                r.RefinedCount, refinedValues![(r.RefinedStart * p)..((r.RefinedStart + r.RefinedCount) * p)],
                r.RealCount, realValues![(r.RealStart * p)..((r.RealStart + r.RealCount) * p)],
                refinedCount, realCount, r.RefinedStart, r.RealStart));
            assignments.Assign(k, worker, DateTime.UtcNow);
        }
    }

    private void OnSliceComputed(SliceComputed m)
    {
        if (waiting != Waiting.Slices || assignments is null || m.Step != assignments.Step) return;
        if (!assignments.Accept(m.Slice, new SliceGradient(m.Gradient, m.Loss))) return;
        clock.Add("worker compute, summed over slices", m.Seconds);
        if (!assignments.Complete) return;
        clock.Enter("applying D's gradient (compute)");
        pendingLossD = trainer!.ApplyDiscriminatorGradients(assignments.Results!.Select(r => r!).ToList());
        assignments = null;
        var added = slots!.PlanAdd(Half, rng!);
        int p = Shape.Pixels;
        puts = layout!.Group(added).ToDictionary(g => g.Key, g =>
        {
            var pixels = new float[g.Value.Positions.Count * p];
            for (int i = 0; i < g.Value.Positions.Count; i++)
                currentPixels.AsSpan(g.Value.Positions[i] * p, p).CopyTo(pixels.AsSpan(i * p));
            return (g.Value.Local.ToArray(), pixels);
        });
        waiting = Waiting.Puts;
        clock.Enter("writing the history buffer");
        SendPuts();
        if (puts.Count == 0) CompleteStep(pendingLossD, new RefinerLosses(double.NaN, double.NaN), Options.BatchSize * 2);
    }

    private void SendPuts()
    {
        requestedAt = DateTime.UtcNow;
        foreach (var (shard, (local, pixels)) in puts) buffer.Tell(new PutImages(settings.RunId, shard, local, pixels));
    }

    private void OnPut(ImagesPut m)
    {
        if (waiting != Waiting.Puts || m.Run != settings.RunId || !puts.Remove(m.Shard) || puts.Count > 0) return;
        CompleteStep(pendingLossD, new RefinerLosses(double.NaN, double.NaN), Options.BatchSize * 2);
    }

    private void OnSliceRefused(SliceRefused m)
    {
        if (assignments is null || m.Step != assignments.Step) return;
        log.Info("slice {0} of step {1} refused ({2}); sending it again with the weights", m.Slice, m.Step, m.Reason);
        workerVersions[Sender] = -1;
        assignments.Release(m.Slice);
        Dispatch();
    }

    partial void OnWorkerLost(IActorRef worker)
    {
        if (assignments is null) return;
        int lost = assignments.Release(worker);
        if (lost > 0) log.Warning("{0} slice(s) of step {1} were on the lost worker; the others redo them", lost, assignments.Step);
        Dispatch();
    }

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        if (waiting == Waiting.Slices && assignments is not null)
        {
            noWorkersSince = workers.Count > 0 ? null : noWorkersSince ?? now;
            if (noWorkersSince is { } lost && now - lost > settings.WorkersTimeout)
            {
                Fail($"no discriminator worker has been up for {settings.WorkersTimeout.TotalMinutes:0.#} min; the last snapshot is at step {lastSnapshotStep}");
                return;
            }
            foreach (int k in assignments.ReleaseOverdue(now, settings.SliceTimeout))
                log.Warning("slice {0} of step {1} took longer than {2}; handing it to another worker", k, assignments.Step, settings.SliceTimeout);
            Dispatch();
            return;
        }
        if (now - requestedAt < settings.RequestTimeout) return;
        // A reply went missing (a node left, a shard moved): ask again; duplicates are ignored by number.
        switch (waiting)
        {
            case Waiting.RefinerBatch or Waiting.DiscriminatorBatches: RequestBatches(); break;
            case Waiting.History or Waiting.SnapshotHistory when gather is not null:
                requestedAt = now;
                foreach (int shard in gather.Waiting) buffer.Tell(new SampleImages(settings.RunId, shard, gather.Request, gatherSlots[shard]));
                break;
            case Waiting.Puts: SendPuts(); break;
        }
    }

    private void CompleteStep(double lossD, RefinerLosses lossR, int images)
    {
        clock.Enter("bookkeeping (events, samples)");
        double seconds = stepWatch.Elapsed.TotalSeconds;
        long step = schedule!.Step;
        schedule.Completed(kind, lossD);
        var record = new StepRecord(step, phase, kind, lossD, lossR.Adversarial, lossR.SelfRegularization,
                                    images / Math.Max(seconds, 1e-9), schedule.CurrentKG, slots!.Count);
        lastRecord = record;
        waiting = Waiting.Nothing;
        observer!.OnStep(record);
        PersistAsync(new StepRecorded(step, (byte)kind, lossD, lossR.Adversarial, lossR.SelfRegularization,
                                      trainer!.RefinerVersion, trainer.DiscriminatorVersion), _ => { });
        if (schedule.Step % Options.SampleEvery == 0) EmitSamples();
        if (schedule.Step % Options.CheckpointEvery == 0 || snapshotRequested is not null)
        {
            snapshotRequested = null;
            TakeSnapshot();
        }
        else Self.Tell(new ContinueTraining());
    }

    // ---- snapshots ---------------------------------------------------------------------------------------------

    private void TakeSnapshot()
    {
        clock.Enter("snapshots");
        waiting = Waiting.SnapshotHistory;
        if (slots!.Count == 0) SaveSnapshotWith([]);
        else StartGather(Enumerable.Range(0, slots.Count).ToArray());
    }

    private void SaveSnapshotWith(float[] history)
    {
        var buffer = new Core.Training.HistoryBuffer(Options.BufferSize, Shape);
        buffer.Restore(history, slots!.Added);
        long step = schedule!.Step;
        var bytes = trainer!.Checkpoint(schedule, rng!, buffer);
        if (settings.RunCheckpoints is { } dir)
        {
            string path = dir.PathFor(step);
            CheckpointFile.WriteEncoded(path, bytes);
            dir.Prune();
            observer!.OnCheckpoint(step, path);
        }
        for (int k = 0; k < layout!.Shards; k++) this.buffer.Tell(new CheckpointShard(settings.RunId, k, step));
        pendingSnapshot = new CoordinatorSnapshot(step, bytes);
        snapshotRetries = 0;
        waiting = Waiting.SnapshotSave;
        SaveSnapshot(pendingSnapshot);
    }

    private void SnapshotSaved(SaveSnapshotSuccess ok)
    {
        if (pendingSnapshot is null) return;
        lastSnapshotStep = pendingSnapshot.Step;
        lastSnapshotTime = DateTime.UtcNow;
        pendingSnapshot = null;
        snapshotSequenceNrs.Add(ok.Metadata.SequenceNr);
        // Keep the newest three, so a damaged one can be passed over.
        if (snapshotSequenceNrs.Count > 3)
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(snapshotSequenceNrs[^4]));
            snapshotSequenceNrs.RemoveRange(0, snapshotSequenceNrs.Count - 3);
        }
        AfterSnapshot();
    }

    private void SnapshotFailed(SaveSnapshotFailure failed)
    {
        if (pendingSnapshot is null) return;
        if (++snapshotRetries <= 3)
        {
            settings.Warn($"saving the snapshot of step {pendingSnapshot.Step} failed ({failed.Cause.Message}); retry {snapshotRetries} of 3");
            SaveSnapshot(pendingSnapshot);
            return;
        }
        settings.Warn($"the snapshot of step {pendingSnapshot.Step} could not be saved ({failed.Cause.Message}); training goes on and the next one will be tried");
        pendingSnapshot = null;
        AfterSnapshot();
    }

    private void AfterSnapshot()
    {
        if (waiting != Waiting.SnapshotSave) return;
        waiting = Waiting.Nothing;
        if (finishing) Complete();
        else Self.Tell(new ContinueTraining());
    }

    private void EmitSamples()
    {
        if (samplePixels is null || lastSampledStep == schedule!.Step) return;
        int n = Math.Min(8, Options.BatchSize);
        observer!.OnSamples(schedule.Step, samplePixels, trainer!.Refine(samplePixels, n).Pixels, n, Shape);
        lastSampledStep = schedule.Step;
    }

    private long lastSampledStep = -1;

    private void FinishRun(bool interrupted)
    {
        // Every run ends with a sheet of what it made, however short it was.
        if (schedule!.Step > firstStep) EmitSamples();
        finished = true;
        finishing = true;
        this.interrupted = interrupted;
        if (lastSnapshotStep != schedule!.Step) TakeSnapshot();
        else Complete();
    }

    private void Complete()
    {
        Timers.Cancel("tick");
        clock.Stop();
        settings.OnTimings?.Invoke(clock.Totals);
        try { settings.OnFinished(trainer!.Model, schedule!.Step); }
        catch (Exception ex) { settings.Warn($"finishing the run failed: {ex.Message}"); }
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, schedule!.Step, interrupted, null));
    }
}
