using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.HistoryBuffer;
using SimGan.Cluster.Protocol;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Cluster.Training;

/// <summary>
/// Drives one run across the cluster (a persistent cluster singleton on the refiner role). It walks the
/// <see cref="TrainingSchedule"/>, asks the feeder for data, runs R steps through its <see cref="RefinerTrainer"/>,
/// hands D-step slices to the discriminator workers, keeps the history-buffer slot plan and the random generator,
/// records each step as an event and snapshots the whole state every few steps. It holds no maths of its own.
///
/// The refiner trainer shares this singleton: every R step needs the newest D and the schedule's next move, so a
/// separate actor would only add a hop per step.
/// </summary>
public sealed partial class TrainingCoordinator : ReceivePersistentActor, IWithTimers
{
    private sealed record Tick;
    private sealed record StartTick;
    public sealed record StopTraining;

    private readonly CoordinatorSettings settings;
    private readonly IActorRef feeder, buffer;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly List<IActorRef> workers = new();
    private readonly Dictionary<IActorRef, long> workerVersions = new();
    private RefinerTrainer? trainer;
    private TrainingSchedule? schedule;
    private DeterministicRandom? rng;
    private HistorySlots? slots;
    private ShardLayout? layout;
    private ITrainingObserver? observer;
    private float[]? samplePixels;
    private long firstStep, requestCounter;
    private bool paused, stopRequested, finished;
    private long? lastSnapshotStep;
    private DateTime? lastSnapshotTime;
    private readonly List<long> snapshotSequenceNrs = new();
    private int snapshotRetries;
    private CoordinatorSnapshot? pendingSnapshot;
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
            trainer = new RefinerTrainer(Options, new ImageShape(m.Channels, m.Height, m.Width));
            schedule = new TrainingSchedule(Options);
            rng = new DeterministicRandom(Options.Seed ^ 0x5EEDUL);
            slots = new HistorySlots(Options.BufferSize);
            layout = new ShardLayout(Options.BufferSize, Math.Min(settings.BufferShards, Options.BufferSize));
            LoadNewestSnapshot(long.MaxValue);
        });
        Command<LoadSnapshotResult>(result =>
        {
            if (result.Snapshot?.Snapshot is CoordinatorSnapshot s)
            {
                try
                {
                    var sections = CheckpointFile.Decode(s.Checkpoint, $"snapshot {result.Snapshot.Metadata.SequenceNr} of {PersistenceId}");
                    var restored = trainer!.Restore(sections);
                    (schedule, rng) = (restored.Schedule, restored.Random);
                    slots = restored.Buffer.Slots;
                    lastSnapshotStep = s.Step;
                    lastSnapshotTime = DateTime.UtcNow;
                    log.Info("resumed from the snapshot at step {0}", s.Step);
                    ConfigureShards(restored.Buffer);
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
        var all = Enumerable.Range(0, restored.Count).ToArray();
        var groups = layout!.Group(all);
        var waiting = groups.Keys.ToHashSet();
        var contents = restored.Contents.ToArray();
        void Send()
        {
            foreach (int k in waiting)
            {
                var (local, positions) = groups[k];
                var pixels = new float[positions.Count * Shape.Pixels];
                for (int i = 0; i < positions.Count; i++)
                    contents.AsSpan(positions[i] * Shape.Pixels, Shape.Pixels).CopyTo(pixels.AsSpan(i * Shape.Pixels));
                buffer.Tell(new PutImages(settings.RunId, k, local.ToArray(), pixels));
            }
        }
        Become(() =>
        {
            CommonCommands();
            Command<ImagesPut>(m =>
            {
                if (m.Run != settings.RunId || !waiting.Remove(m.Shard) || waiting.Count > 0) return;
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
        firstStep = schedule!.Step;
        observer = settings.Observer(firstStep);
        Become(() =>
        {
            CommonCommands();
            Command<Tick>(_ =>
            {
                if (workers.Count >= settings.WorkersWanted) Running();
                else if (DateTime.UtcNow - since > settings.WorkersTimeout)
                    Fail($"only {workers.Count} of {settings.WorkersWanted} discriminator workers joined within {settings.WorkersTimeout.TotalMinutes:0.#} min");
            });
        });
        log.Info("waiting for {0} discriminator worker(s); {1} registered", settings.WorkersWanted, workers.Count);
        Timers.StartPeriodicTimer("retry", new Tick(), TimeSpan.FromMilliseconds(200));
    }

    // ---- commands every state answers ---------------------------------------------------------------------

    private void CommonCommands()
    {
        Command<RegisterWorker>(m =>
        {
            if (!workers.Contains(Sender))
            {
                workers.Add(Sender);
                workerVersions[Sender] = -1;
                Context.Watch(Sender);
                log.Info("discriminator worker {0} joined ({1} up)", m.Node, workers.Count);
                Dispatch();
            }
            Sender.Tell(new WorkerRegistered(trainer?.DiscriminatorVersion ?? 0));
        });
        Command<Terminated>(t => RemoveWorker(t.ActorRef, "it stopped or its node left"));
        Command<GetTrainingStatus>(_ => Sender.Tell(Status()));
        Command<PauseTraining>(_ =>
        {
            paused = true;
            Sender.Tell(new CommandResult(true, $"training paused at step {schedule?.Step ?? 0}"));
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
            snapshotRequested = Sender;
            Sender.Tell(new CommandResult(true, $"a snapshot will be taken after step {schedule?.Step ?? 0} finishes"));
        });
        Command<StopTraining>(_ => Stop());
        Command<SaveSnapshotSuccess>(SnapshotSaved);
        Command<SaveSnapshotFailure>(SnapshotFailed);
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => log.Warning("could not delete old snapshots: {0}", f.Cause.Message));
    }

    private IActorRef? snapshotRequested;

    private sealed record ContinueTraining;

    private void RemoveWorker(IActorRef worker, string why)
    {
        if (!workers.Remove(worker)) return;
        workerVersions.Remove(worker);
        log.Warning("discriminator worker {0} is gone ({1}); {2} left", worker.Path.Address, why, workers.Count);
        OnWorkerLost(worker);
    }

    partial void OnWorkerLost(IActorRef worker);

    private TrainingStatus Status()
    {
        var r = lastRecord;
        static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
        return new TrainingStatus(settings.RunId, layout?.Shards ?? 0,
            schedule?.Phase.ToString() ?? "Starting", schedule?.Step ?? 0, Options.Steps, schedule?.CurrentKG ?? Options.KG, Options.KD,
            Finite(r?.LossD), Finite(r?.LossRAdv), Finite(r?.LossRReg), r?.ImagesPerSecond ?? 0,
            trainer?.RefinerVersion ?? 0, trainer?.DiscriminatorVersion ?? 0, workers.Count, settings.WorkersWanted, paused,
            lastSnapshotStep, lastSnapshotTime is { } t ? (DateTime.UtcNow - t).TotalSeconds : null,
            slots?.Count ?? 0, Options.BufferSize);
    }

    /// <summary>
    /// Ctrl+C or SIGTERM on the driver. Between steps the run snapshots and ends; mid-step it ends after the step;
    /// but before training began, or in a D step no worker is left to finish, it ends at once: the last snapshot
    /// stands and nothing newer is claimed.
    /// </summary>
    private void Stop()
    {
        stopRequested = true;
        if (!running) Abandon("stopped before training began");
        else if (waiting == Waiting.Nothing) NextStep();
        else if (waiting == Waiting.Slices && workers.Count == 0) Abandon("stopped during a D step that no worker is left to finish");
    }

    private void Abandon(string why)
    {
        finished = true;
        Timers.CancelAll();
        settings.Warn($"{why}; the newest snapshot is {(lastSnapshotStep is { } s ? $"at step {s}" : "none yet")}");
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, lastSnapshotStep ?? 0, true, null));
    }

    private void Fail(string reason, bool input = false)
    {
        // The driver prints the reason as its one-line error; the log only records it.
        log.Info("training stops: {0}", reason);
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, schedule?.Step ?? 0, false, reason, input));
        Context.Stop(Self);
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // A failure restarts the coordinator from the last snapshot; a failure that keeps coming back ends the run.
        if (++settings.Restarts.Value > 3)
            settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, schedule?.Step ?? 0, false, $"training failed repeatedly: {reason.Message}"));
        else
            settings.Warn($"the training coordinator failed ({reason.GetType().Name}: {reason.Message}); restarting it from the last snapshot");
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        trainer?.Dispose();
        base.PostStop();
    }
}
