using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.Protocol;
using SimGan.Core.Checkpoints;
using SimGan.Core.Training;
using SimGan.Core.Training.Loop;

namespace SimGan.Cluster.Training;

/// <summary>The loop's work as messages: one step in flight at a time, its slices spread over the workers.</summary>
public sealed partial class TrainingCoordinator
{
    private readonly Stopwatch stepWatch = new();
    private readonly PhaseClock clock = new();
    private IReadOnlyList<LoopWork> sliceWork = [];
    private DateTime? noWorkersSince;
    private ShardedImages? gather;
    private Dictionary<int, int[]> gatherSlots = new();
    private DateTime gatherSent;
    private CoordinatorSnapshot? pendingSnapshot;
    private int snapshotRetries;

    private void Running()
    {
        running = true;
        Timers.Cancel("retry");
        Become(() =>
        {
            CommonCommands();
            Command<ContinueTraining>(_ => NextStep());
            Command<BatchReady>(m => { if (m.Stream == DataStream.Samples && m.Number == 0) samplePixels ??= m.Pixels; });
            Command<RefinerSliceComputed>(m =>
            {
                if (!pool.Done(m.Step, m.Slice)) return;
                clock.Add("worker compute, summed over slices", m.Seconds);
                Execute(loop!.Handle(new RefinerSliceDone(m.Step, m.Slice, new RefinerSliceGradient(m.Gradient, m.Adversarial, m.SelfRegularization))));
            });
            Command<DiscriminatorSliceComputed>(m =>
            {
                if (!pool.Done(m.Step, m.Slice)) return;
                clock.Add("worker compute, summed over slices", m.Seconds);
                Execute(loop!.Handle(new DiscriminatorSliceDone(m.Step, m.Slice, new SliceGradient(m.Gradient, m.Loss))));
            });
            Command<SliceRefused>(m =>
            {
                log.Info("slice {0} of step {1} refused ({2}); sending it again with the weights", m.Slice, m.Step, m.Reason);
                pool.Refused(Sender, m.Step, m.Slice);
                Dispatch();
            });
            Command<ImagesSampled>(OnSampled);
            Command<Tick>(_ => OnTick());
            Command<FeedingStarted>(_ => { });
            Command<FeedingFailed>(m => Fail(m.Reason, input: true));
            Command<ShardConfigured>(_ => { });
            Command<ImagesPut>(_ => { });
        });
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(500));
        log.Info("training from step {0} with {1} slice worker(s)", loop!.Step, pool.Count);
        feeder.Tell(new RequestBatch(DataStream.Samples, 0));
        Self.Tell(new ContinueTraining());
    }

    private void NextStep()
    {
        if (finished || !loop!.Idle) return;
        if (stopRequested) { Execute(loop.Stop()); return; }
        if (paused) return;
        stepWatch.Restart();
        Execute(loop.Advance());
    }

    /// <summary>Does the loop's work: slices go out, sums are applied here, records and checkpoints are written.</summary>
    private void Execute(IReadOnlyList<LoopWork> work)
    {
        var slices = work.Where(w => w is ComputeRefinerSlice or ComputeDiscriminatorSlice).ToList();
        if (slices.Count > 0)
        {
            sliceWork = slices;
            bool refiner = slices[0] is ComputeRefinerSlice;
            pool.Begin(loop!.Step, slices.Count, refiner);
            clock.Enter(refiner ? "R slices on the workers (compute, wire, waiting)" : "D slices on the workers (compute, wire, waiting)");
            Dispatch();
        }
        foreach (var item in work)
        {
            switch (item)
            {
                case ApplyRefinerStep w:
                    clock.Enter("applying R's gradient (compute)");
                    Execute(loop!.Handle(new RefinerStepApplied(w.Step, trainer!.ApplyRefiner(w.Slices))));
                    break;
                case ApplyDiscriminatorStep w:
                    clock.Enter("applying D's gradient (compute)");
                    var (loss, skipped) = trainer!.ApplyDiscriminator(w.Slices);
                    Execute(loop!.Handle(new DiscriminatorStepApplied(w.Step, loss, skipped)));
                    break;
                case RecordStep w:
                    Record(w);
                    break;
                case EmitSamples w:
                    clock.Enter("bookkeeping (events, samples)");
                    if (samplePixels is not null)
                    {
                        int n = Math.Min(8, Options.BatchSize);
                        observer!.OnSamples(w.Step, samplePixels, trainer!.RefineSamples(samplePixels, n), n, Shape);
                    }
                    break;
                case SaveCheckpoint w:
                    TakeSnapshot(w.Step);
                    break;
                case LoopFinished:
                    Complete();
                    break;
            }
        }
        if (loop!.Idle && !finished) Self.Tell(new ContinueTraining());
    }

    private void Record(RecordStep w)
    {
        clock.Enter("bookkeeping (events, samples)");
        var record = w.Record with { ImagesPerSecond = w.Images / Math.Max(stepWatch.Elapsed.TotalSeconds, 1e-9) };
        lastRecord = record;
        observer!.OnStep(record);
        PersistAsync(new StepRecorded(record.Step, (byte)record.Kind, record.LossD, record.LossRAdv, record.LossRReg,
                                      loop!.RefinerVersion, loop.DiscriminatorVersion), _ => { });
    }

    /// <summary>Hands the step's open slices to workers, with the weights a worker does not hold yet.</summary>
    private void Dispatch()
    {
        if (!running || finished || pool.StepComplete || sliceWork.Count == 0) return;
        // Remote workers first: a local slice starts computing on this node's core at once and would slow the
        // serializing of the others' tasks.
        foreach (var (k, worker) in pool.Assign(DateTime.UtcNow).OrderBy(a => a.Worker.Path.Address.HasLocalScope))
        {
            switch (sliceWork[k])
            {
                case ComputeRefinerSlice s:
                    worker.Tell(new RefinerSliceTask(run!, s.Step, s.Slice, s.Batch, s.Rows.Start, s.Rows.Count, s.BatchRows, s.Adversarial,
                        s.RefinerVersion, s.DiscriminatorVersion, s.LossScale, WeightsFor(worker, NetworkKind.Refiner, s.RefinerVersion),
                        s.Adversarial ? WeightsFor(worker, NetworkKind.Discriminator, s.DiscriminatorVersion) : null));
                    break;
                case ComputeDiscriminatorSlice s:
                    var r = s.Rows;
                    worker.Tell(new DiscriminatorSliceTask(run!, s.Step, s.Slice, r.Batch, r.Half, r.RefinedTotal, r.RealTotal,
                        r.Current.Start, r.Current.Count, r.History.Start, r.History.Count, r.Real.Start, r.Real.Count, r.ReadSlots, r.WriteSlots,
                        s.RefinerVersion, s.DiscriminatorVersion, s.LossScale,
                        r.Current.Count > 0 ? WeightsFor(worker, NetworkKind.Refiner, s.RefinerVersion) : null,
                        WeightsFor(worker, NetworkKind.Discriminator, s.DiscriminatorVersion)));
                    break;
            }
        }
    }

    private NetworkWeights? WeightsFor(IActorRef worker, NetworkKind network, long version)
    {
        if (pool.Holds(worker, network, version)) return null;
        pool.Sent(worker, network, version);
        return trainer!.Weights(network, version);
    }

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        if (pool.Pending > 0 && !pool.StepComplete && sliceWork.Count > 0)
        {
            bool refiner = sliceWork[0] is ComputeRefinerSlice;
            noWorkersSince = pool.CanCompute(refiner) ? null : noWorkersSince ?? now;
            if (noWorkersSince is { } lost && now - lost > settings.WorkersTimeout)
            {
                Fail($"no slice worker that can compute {(refiner ? "R" : "D")} slices has been up for {settings.WorkersTimeout.TotalMinutes:0.#} min; " +
                     $"the last snapshot is at step {lastSnapshotStep}");
                return;
            }
            foreach (int k in pool.ReleaseOverdue(now, settings.SliceTimeout))
                log.Warning("slice {0} of step {1} took longer than {2}; handing it to another worker", k, pool.Step, settings.SliceTimeout);
            Dispatch();
        }
        // A reply went missing (a node left, a shard moved): ask again; duplicates are ignored by number.
        if (gather is not null && now - gatherSent > settings.RequestTimeout) SendGather(now);
    }

    private void Complete()
    {
        finished = true;
        Timers.Cancel("tick");
        clock.Stop();
        settings.OnTimings?.Invoke(clock.Totals);
        try { settings.OnFinished(trainer!.Model, loop!.Step); }
        catch (Exception ex) { settings.Warn($"finishing the run failed: {ex.Message}"); }
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, loop!.Step, stopRequested, null));
    }

    // ---- snapshots: the whole history read back from the shards, then one checksummed checkpoint -------------------

    private void TakeSnapshot(long step)
    {
        clock.Enter("snapshots");
        var slots = Enumerable.Range(0, loop!.Slots.Count).ToArray();
        var groups = layout!.Group(slots);
        gather = new ShardedImages(++requestCounter, slots.Length, Shape.Pixels, groups.ToDictionary(g => g.Key, g => g.Value.Positions));
        gatherSlots = groups.ToDictionary(g => g.Key, g => g.Value.Local.ToArray());
        SendGather(DateTime.UtcNow);
        if (gather.Complete) SaveSnapshotWith(step);
    }

    private void SendGather(DateTime now)
    {
        gatherSent = now;
        // Read as of the step about to begin: everything the finished steps wrote.
        foreach (int shard in gather!.Waiting) buffer.Tell(new SampleImages(settings.RunId, shard, gather.Request, loop!.Step, gatherSlots[shard]));
    }

    private void OnSampled(ImagesSampled m)
    {
        if (gather is null || m.Request != gather.Request || m.Run != settings.RunId) return;
        if (gather.Accept(m.Shard, m.Pixels) is { } refused) log.Warning("{0}; asking it again", refused);
        if (gather.Complete) SaveSnapshotWith(loop!.Step);
    }

    private void SaveSnapshotWith(long step)
    {
        var history = new Core.Training.HistoryBuffer(Options.BufferSize, Shape);
        history.Restore(gather!.Pixels, loop!.Slots.Added);
        gather = null;
        var bytes = trainer!.Checkpoint(loop, history);
        if (settings.RunCheckpoints is { } dir)
        {
            string path = dir.PathFor(step);
            // A full disk is not something a restart from the last snapshot mends (that only loops): end the run.
            try { CheckpointFile.WriteEncoded(path, bytes); }
            catch (IOException ex)
            {
                Fail(ex.Message);
                return;
            }
            dir.Prune();
            observer!.OnCheckpoint(step, path);
        }
        for (int k = 0; k < layout!.Shards; k++) buffer.Tell(new CheckpointShard(settings.RunId, k, step));
        pendingSnapshot = new CoordinatorSnapshot(step, bytes);
        snapshotRetries = 0;
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
        Execute(loop!.Handle(new CheckpointSaved(lastSnapshotStep.Value)));
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
        long step = pendingSnapshot.Step;
        pendingSnapshot = null;
        Execute(loop!.Handle(new CheckpointSaved(step)));
    }
}
