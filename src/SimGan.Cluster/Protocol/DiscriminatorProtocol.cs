namespace SimGan.Cluster.Protocol;

/// <summary>A worker announcing itself to the coordinator; sent until acknowledged, and again if the coordinator moves.</summary>
public sealed record RegisterWorker(string Node) : ISimGanMessage;

public sealed record WorkerRegistered(long DiscriminatorVersion) : ISimGanMessage;

/// <summary>D's architecture and weights at a version; sent only to workers that do not hold that version yet.</summary>
public sealed record DiscriminatorWeights(long Version, string OptionsJson, int Channels, float[] Weights) : ISimGanMessage;

/// <summary>
/// One slice of a D step. Images are in the network's [-1, 1] range, exactly as the refiner produced them, so the
/// worker sees bit for bit what the local trainer would. The slice's first rows in the whole batch key its images'
/// augmentation, which is drawn per row.
/// </summary>
public sealed record ComputeSlice(long Step, int Slice, long DiscriminatorVersion, DiscriminatorWeights? Weights,
                                  int Channels, int Height, int Width,
                                  int RefinedCount, float[] Refined, int RealCount, float[] Real,
                                  int RefinedTotal, int RealTotal, int RefinedStart = 0, int RealStart = 0) : ISimGanMessage;

public sealed record SliceComputed(long Step, int Slice, float[] Gradient, double Loss, double Seconds) : ISimGanMessage;

/// <summary>The worker could not compute the slice (for example it lacks the weights); the coordinator resends it.</summary>
public sealed record SliceRefused(long Step, int Slice, string Reason) : ISimGanMessage;
