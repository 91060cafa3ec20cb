namespace SimGan.Admin.Contract;

/// <summary>Where the distributed training stands, as the coordinator knows it.</summary>
/// <param name="KG">Refiner steps per iteration (K_g in the paper).</param>
/// <param name="KD">Discriminator steps per iteration (K_d in the paper).</param>
/// <param name="LossD">null until the first discriminator step.</param>
/// <param name="LastSnapshotStep">null until the first snapshot.</param>
public sealed record TrainingStatusView(
    string Phase,
    long Step,
    long TotalSteps,
    int KG,
    int KD,
    double? LossD,
    double? LossRAdversarial,
    double? LossRSelfRegularization,
    double ImagesPerSecond,
    long RefinerVersion,
    long DiscriminatorVersion,
    int DiscriminatorWorkersUp,
    int DiscriminatorWorkersWanted,
    bool Paused,
    long? LastSnapshotStep,
    double? SnapshotAgeSeconds,
    int BufferFill,
    int BufferCapacity,
    long MessageBytesSent,
    long MessageBytesReceived);
