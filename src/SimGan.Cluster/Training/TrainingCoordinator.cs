using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.HistoryBuffer;
using SimGan.Cluster.Protocol;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;
using SimGan.Core.Training.Loop;

namespace SimGan.Cluster.Training;

/// <summary>
/// Runs one training run across the cluster (a persistent cluster singleton on the coordinator role, the driver): a thin
/// runner of Core's <see cref="TrainingLoop"/>. It sends the loop's slices to the slice workers, applies their sums to
/// the master R and D (<see cref="RefinerTrainer"/>), records each step as an event and snapshots the whole state every
/// few steps. The algorithm is the loop's; this actor routes, persists and watches for faults.
/// </summary>
public sealed partial class TrainingCoordinator : ReceivePersistentActor, IWithTimers
{
    private sealed record Tick;
    private sealed record StartTick;
    private sealed record ContinueTraining;
    public sealed record StopTraining;

    private readonly CoordinatorSettings settings;
    private readonly IActorRef feeder, buffer;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly WorkerPool pool = new();
    private RefinerTrainer? trainer;
    private TrainingLoop? loop;
    private RunInfo? run;
    private ShardLayout? layout;
    private ITrainingObserver? observer;
    private float[]? samplePixels;
    private long firstStep, requestCounter;
    private bool paused, stopRequested, finished, running;
    private long? lastSnapshotStep;
    private DateTime? lastSnapshotTime;
    private readonly List<long> snapshotSequenceNrs = new();
    private StepRecord? lastRecord;

    public TrainingCoordinator(CoordinatorSettings settings, IActorRef feeder, IActorRef buffer)
    {
        this.settings = settings;
        this.feeder = feeder;
        this.buffer = buffer;
        PersistenceId = settings.PersistenceId;
        Recover<StepRecorded>(_ => { });
        Recover<RecoveryCompleted>(_ => Self.Tell(new StartTick()));
        Starting();
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    // Snapshots are loaded by hand (see LoadNewestSnapshot) so that a damaged one can be passed over.
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public static Props Props(CoordinatorSettings settings, IActorRef feeder, IActorRef buffer) =>
        Akka.Actor.Props.Create(() => new TrainingCoordinator(settings, feeder, buffer));

    private ImageShape Shape => trainer!.Model.Shape;

    private TrainingOptions Options => settings.Options;

    // ---- starting: datasets, snapshot, buffer shards, workers -------------------------------------------------

    private void Starting()
    {
        CommonCommands();
        Command<StartTick>(_ =>
        {
            feeder.Tell(new StartFeeding(settings.Synthetic, settings.Real, OptionsWire.ToJson(Options), settings.Strict));
            Timers.StartSingleTimer("start", new StartTick(), settings.RequestTimeout);
        });
        Command<FeedingFailed>(m => Fail(m.Reason, input: true));
        Command<FeedingStarted>(m =>
        {
            if (trainer is not null) return;
            Timers.Cancel("start");
            var shape = new ImageShape(m.Channels, m.Height, m.Width);
            trainer = new RefinerTrainer(Options, shape);
            loop = TrainingLoop.Start(Options);
            layout = new ShardLayout(Options.BufferSize, Math.Min(settings.BufferShards, Options.BufferSize));
            run = new RunInfo(settings.RunId, trainer.OptionsJson, shape.Channels, shape.Height, shape.Width, Options.BufferSize, layout.Shards,
                              settings.Synthetic, settings.Real, settings.Strict);
            LoadNewestSnapshot(long.MaxValue);
        });
        Command<LoadSnapshotResult>(result =>
        {
            if (result.Snapshot?.Snapshot is CoordinatorSnapshot s)
            {
                try
                {
                    var sections = CheckpointFile.Decode(s.Checkpoint, $"snapshot {result.Snapshot.Metadata.SequenceNr} of {PersistenceId}");
                    var (restored, history) = trainer!.Restore(sections);
                    loop = restored;
                    lastSnapshotStep = s.Step;
                    lastSnapshotTime = DateTime.UtcNow;
                    log.Info("resumed from the snapshot at step {0}", s.Step);
                    ConfigureShards(history);
                }
                catch (Exception ex) when (ex is CorruptCheckpointException or InvalidDataException)
                {
                    settings.Warn($"{ex.Message}; trying the snapshot before it");
                    LoadNewestSnapshot(result.Snapshot.Metadata.SequenceNr - 1);
                }
            }
            else ConfigureShards(null);
        });
        Command<LoadSnapshotFailed>(failed => Fail($"cannot read snapshots from the store: {failed.Cause.Message}"));
    }

    private void LoadNewestSnapshot(long maxSequenceNr)
    {
        if (maxSequenceNr < 1) { ConfigureShards(null); return; }
        SnapshotStore.Tell(new LoadSnapshot(PersistenceId, new SnapshotSelectionCriteria(maxSequenceNr), long.MaxValue));
    }

    private void ConfigureShards(Core.Training.HistoryBuffer? restored)
    {
        var configure = Enumerable.Range(0, layout!.Shards).ToHashSet();
        void Send() { foreach (int k in configure) buffer.Tell(new ConfigureShard(settings.RunId, k, layout.SizeOf(k), Shape.Pixels)); }
        Become(() =>
        {
            CommonCommands();
            Command<ShardConfigured>(m =>
            {
                if (m.Run != settings.RunId || !configure.Remove(m.Shard) || configure.Count > 0) return;
                Timers.Cancel("retry");
                if (restored is { Count: > 0 }) RefillShards(restored);
                else AwaitWorkers();
            });
            Command<Tick>(_ => Send());
        });
        Send();
        Timers.StartPeriodicTimer("retry", new Tick(), settings.RequestTimeout);
    }

    /// <summary>After a restore the shards get back exactly the snapshot's history, whatever they held since.</summary>
    private void RefillShards(Core.Training.HistoryBuffer restored)
    {
        var groups = layout!.Group(Enumerable.Range(0, restored.Count).ToArray());
        var contents = restored.Contents.ToArray();
        var waiting = new Dictionary<long, PutImages>();
        foreach (var (shard, (local, positions)) in groups)
        {
            var pixels = new float[positions.Count * Shape.Pixels];
            for (int i = 0; i < positions.Count; i++)
                contents.AsSpan(positions[i] * Shape.Pixels, Shape.Pixels).CopyTo(pixels.AsSpan(i * Shape.Pixels));
            long request = ++requestCounter;
            // Written as of the step before the one training resumes at, so that step's reads see them.
            waiting[request] = new PutImages(settings.RunId, shard, request, loop!.Step - 1, local.ToArray(), pixels);
        }
        void Send() { foreach (var put in waiting.Values) buffer.Tell(put); }
        Become(() =>
        {
            CommonCommands();
            Command<ImagesPut>(m =>
            {
                if (m.Run != settings.RunId || !waiting.Remove(m.Request) || waiting.Count > 0) return;
                Timers.Cancel("retry");
                AwaitWorkers();
            });
            Command<Tick>(_ => Send());
        });
        Send();
        Timers.StartPeriodicTimer("retry", new Tick(), settings.RequestTimeout);
    }

    private void AwaitWorkers()
    {
        var since = DateTime.UtcNow;
        firstStep = loop!.Step;
        observer = settings.Observer(firstStep);
        Become(() =>
        {
            CommonCommands();
            Command<Tick>(_ =>
            {
                bool both = pool.CanCompute(refiner: true) && pool.CanCompute(refiner: false);
                if (pool.Count >= settings.WorkersWanted && both) Running();
                else if (DateTime.UtcNow - since > settings.WorkersTimeout)
                    Fail(pool.Count < settings.WorkersWanted
                        ? $"only {pool.Count} of {settings.WorkersWanted} slice workers joined within {settings.WorkersTimeout.TotalMinutes:0.#} min"
                        : $"no slice worker with the {(pool.CanCompute(refiner: true) ? "discriminator" : "refiner")} role joined within " +
                          $"{settings.WorkersTimeout.TotalMinutes:0.#} min (start workers with --roles refiner,discriminator)");
            });
        });
        log.Info("waiting for {0} slice worker(s); {1} registered", settings.WorkersWanted, pool.Count);
        Timers.StartPeriodicTimer("retry", new Tick(), TimeSpan.FromMilliseconds(200));
    }

    // ---- commands every state answers ---------------------------------------------------------------------

    private void CommonCommands()
    {
        Command<RegisterWorker>(m =>
        {
            if (pool.Add(Sender, m.Refines, m.Discriminates))
            {
                Context.Watch(Sender);
                string what = m.Refines && m.Discriminates ? "R and D slices" : m.Refines ? "R slices" : "D slices";
                log.Info("slice worker {0} joined ({1} up) and computes {2}", m.Node, pool.Count, what);
                Dispatch();
            }
            Sender.Tell(WorkerRegistered.Instance);
        });
        Command<Terminated>(t =>
        {
            int lost = pool.Remove(t.ActorRef);
            if (lost < 0) return;
            log.Warning("slice worker {0} is gone (it stopped or its node left); {1} left", t.ActorRef.Path.Address, pool.Count);
            if (lost > 0) log.Warning("{0} slice(s) of step {1} were on it; the others redo them", lost, pool.Step);
            Dispatch();
        });
        Command<GetTrainingStatus>(_ => Sender.Tell(Status()));
        Command<PauseTraining>(_ =>
        {
            paused = true;
            Sender.Tell(new CommandResult(true, $"training paused at step {loop?.Step ?? 0}"));
        });
        Command<ResumeTraining>(_ =>
        {
            bool was = paused;
            paused = false;
            Sender.Tell(new CommandResult(true, was ? "training resumed" : "training was not paused"));
            if (was) Self.Tell(new ContinueTraining());
        });
        Command<SnapshotTraining>(_ =>
        {
            loop?.RequestCheckpoint();
            Sender.Tell(new CommandResult(true, $"a snapshot will be taken after step {loop?.Step ?? 0} finishes"));
            if (loop?.Idle == true && running) Self.Tell(new ContinueTraining());
        });
        Command<StopTraining>(_ => Stop());
        Command<SaveSnapshotSuccess>(SnapshotSaved);
        Command<SaveSnapshotFailure>(SnapshotFailed);
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => log.Warning("could not delete old snapshots: {0}", f.Cause.Message));
    }

    private TrainingStatus Status()
    {
        var r = lastRecord;
        static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
        return new TrainingStatus(settings.RunId, layout?.Shards ?? 0,
            loop?.Schedule.Phase.ToString() ?? "Starting", loop?.Step ?? 0, Options.Steps, loop?.Schedule.CurrentKG ?? Options.KG, Options.KD,
            Finite(r?.LossD), Finite(r?.LossRAdv), Finite(r?.LossRReg), r?.ImagesPerSecond ?? 0,
            loop?.RefinerVersion ?? 0, loop?.DiscriminatorVersion ?? 0, pool.Count, settings.WorkersWanted, paused,
            lastSnapshotStep, lastSnapshotTime is { } t ? (DateTime.UtcNow - t).TotalSeconds : null,
            loop?.Slots.Count ?? 0, Options.BufferSize);
    }

    /// <summary>
    /// Ctrl+C or SIGTERM on the driver. Between steps the run snapshots and ends; mid-step it ends after the step;
    /// but before training began, or in a step no worker is left to finish, it ends at once: the last snapshot
    /// stands and nothing newer is claimed.
    /// </summary>
    private void Stop()
    {
        stopRequested = true;
        if (!running) Abandon("stopped before training began");
        else if (loop!.Idle) NextStep();
        else if (pool.Pending > 0 && !pool.CanCompute(loop.Kind == StepKind.RefinerStep))
            Abandon("stopped during a step that no worker is left to finish");
    }

    private void Abandon(string why)
    {
        finished = true;
        Timers.CancelAll();
        settings.Warn($"{why}; the newest snapshot is {(lastSnapshotStep is { } s ? $"at step {s}" : "none yet")}");
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, lastSnapshotStep ?? 0, true, null));
    }

    protected override void PostStop()
    {
        trainer?.Dispose();
        base.PostStop();
    }
}
