namespace SimGan.Cluster.Protocol;

/// <summary>A slice worker announcing itself and what it computes; sent until acknowledged, and again if the coordinator moves.</summary>
public sealed record RegisterWorker(string Node, bool Refines, bool Discriminates) : ISimGanMessage;

public sealed record WorkerRegistered : ISimGanMessage
{
    public static readonly WorkerRegistered Instance = new();
}

/// <summary>
/// What a worker needs to know of the run to build its networks and find its data (the specs, which it opens itself
/// when it can, or else asks the feeder for rows) and its history.
/// </summary>
public sealed record RunInfo(string RunId, string OptionsJson, int Channels, int Height, int Width, int BufferCapacity, int BufferShards,
                             string Synthetic, string Real, bool Strict) : ISimGanMessage;

public enum NetworkKind : byte { Refiner = 1, Discriminator = 2 }

/// <summary>A network's weights at a version; sent only to workers that do not hold that version yet.</summary>
public sealed record NetworkWeights(NetworkKind Network, long Version, float[] Weights) : ISimGanMessage;

/// <summary>
/// Slice <paramref name="Slice"/> of R's step <paramref name="Step"/>: rows [RowStart, RowStart + RowCount) of synthetic
/// batch <paramref name="Batch"/>, with R and D at the given versions. The worker gets the rows from the feeder itself.
/// </summary>
public sealed record RefinerSliceTask(RunInfo Run, long Step, int Slice, long Batch, int RowStart, int RowCount, int BatchRows,
                                      bool Adversarial, long RefinerVersion, long DiscriminatorVersion, float LossScale,
                                      NetworkWeights? Refiner, NetworkWeights? Discriminator) : ISimGanMessage;

public sealed record RefinerSliceComputed(long Step, int Slice, float[] Gradient, double Adversarial, double SelfRegularization,
                                          double Seconds) : ISimGanMessage;

/// <summary>
/// Slice <paramref name="Slice"/> of D's step <paramref name="Step"/> (Core's DiscriminatorSliceRows, flattened): the
/// worker refines its rows of the step's synthetic half with R, reads its history rows from the buffer shards, takes
/// its real rows, writes its refined rows to the shards, and answers once those writes are acknowledged.
/// </summary>
public sealed record DiscriminatorSliceTask(RunInfo Run, long Step, int Slice, long Batch, int Half, int RefinedTotal, int RealTotal,
                                            int CurrentStart, int CurrentCount, int HistoryStart, int HistoryCount, int RealStart, int RealCount, int[] ReadSlots, int[] WriteSlots,
                                            long RefinerVersion, long DiscriminatorVersion, float LossScale,
                                            NetworkWeights? Refiner, NetworkWeights? Discriminator) : ISimGanMessage;

public sealed record DiscriminatorSliceComputed(long Step, int Slice, float[] Gradient, double Loss, double Seconds) : ISimGanMessage;

/// <summary>The worker could not compute the slice (it lacks the weights, or its inputs did not come); the coordinator sends it again.</summary>
public sealed record SliceRefused(long Step, int Slice, string Reason) : ISimGanMessage;
