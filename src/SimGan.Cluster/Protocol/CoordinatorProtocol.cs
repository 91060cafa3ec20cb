namespace SimGan.Cluster.Protocol;

/// <summary>One finished step, persisted as the run's event log (losses, and the weight versions it produced).</summary>
public sealed record StepRecorded(long Step, byte Kind, double LossD, double LossRAdversarial, double LossRSelfRegularization,
                                  long RefinerVersion, long DiscriminatorVersion) : ISimGanMessage;

/// <summary>The whole training state as a checksummed checkpoint (the same bytes as a run folder's .sgck file).</summary>
public sealed record CoordinatorSnapshot(long Step, byte[] Checkpoint) : ISimGanMessage;

public sealed record GetTrainingStatus : ISimGanMessage
{
    public static readonly GetTrainingStatus Instance = new();
}

public sealed record TrainingStatus(string RunId, int BufferShards, string Phase, long Step, long TotalSteps, int KG, int KD, double? LossD,
                                    double? LossRAdversarial, double? LossRSelfRegularization, double ImagesPerSecond,
                                    long RefinerVersion, long DiscriminatorVersion, int WorkersUp, int WorkersWanted,
                                    bool Paused, long? LastSnapshotStep, double? SnapshotAgeSeconds,
                                    int BufferFill, int BufferCapacity) : ISimGanMessage;

public sealed record PauseTraining : ISimGanMessage
{
    public static readonly PauseTraining Instance = new();
}

public sealed record ResumeTraining : ISimGanMessage
{
    public static readonly ResumeTraining Instance = new();
}

public sealed record SnapshotTraining : ISimGanMessage
{
    public static readonly SnapshotTraining Instance = new();
}

public sealed record CommandResult(bool Ok, string Message) : ISimGanMessage;
