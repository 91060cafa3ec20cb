using SimGan.Core.Checkpoints;
using SimGan.Core.Training;

namespace SimGan.Cluster.Training;

/// <summary>How the run ended, for the program that started it.</summary>
/// <param name="InputError">The error lies in the data (a bad sample in strict mode, an unreadable set): the user's to fix.</param>
public sealed record TrainingOutcome(long FirstStep, long LastStep, bool Interrupted, string? Error, bool InputError = false);

/// <summary>
/// Everything the coordinator needs that is not a message: the run, its options, and the driver's callbacks.
/// It lives only in the driver process (the refiner role is the driver's alone).
/// </summary>
public sealed record CoordinatorSettings(
    string RunId,
    string Synthetic,
    string Real,
    bool Strict,
    TrainingOptions Options,
    int WorkersWanted,
    int BufferShards,
    TimeSpan SliceTimeout,
    TimeSpan RequestTimeout,
    Func<long, ITrainingObserver> Observer,
    CheckpointDirectory? RunCheckpoints,
    Action<SimGanModel, long> OnFinished,
    TaskCompletionSource<TrainingOutcome> Outcome,
    Action<string> Warn)
{
    public string PersistenceId => "simgan-coordinator-" + RunId;

    /// <summary>Restarts after a failure so far; past a few, the run stops with the error instead of looping.</summary>
    public System.Runtime.CompilerServices.StrongBox<int> Restarts { get; } = new(0);

    /// <summary>Takes timeouts and the shard count from the node's HOCON (simgan.training.*, simgan.workers-timeout).</summary>
    public CoordinatorSettings WithTimeouts(Akka.Configuration.Config config) => this with
    {
        SliceTimeout = config.GetTimeSpan("simgan.training.slice-timeout", SliceTimeout),
        RequestTimeout = config.GetTimeSpan("simgan.training.request-timeout", RequestTimeout),
        BufferShards = config.GetInt("simgan.training.buffer-shards", BufferShards),
        WorkersTimeout = config.GetTimeSpan("simgan.workers-timeout", WorkersTimeout),
    };

    public TimeSpan WorkersTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Receives the coordinator's time per phase when the run ends (see <see cref="PhaseClock"/>).</summary>
    public Action<IReadOnlyDictionary<string, double>>? OnTimings { get; init; }
}
