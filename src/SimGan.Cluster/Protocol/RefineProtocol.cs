namespace SimGan.Cluster.Protocol;

// `simgan refine --engine cluster`: the driver holds the batches, workers pull them. A worker never learns the
// driver's address from configuration; the driver offers its job to every discriminator node it sees, and a worker
// that is idle answers with a request. Results are idempotent (a batch refined twice gives the same pixels), so
// the driver may hand a batch out again whenever it doubts the worker that holds it.

/// <summary>Driver to a worker node: "a job is here"; repeated until the worker has asked for work.</summary>
public sealed record RefineWorkOffered(string Job) : ISimGanMessage;

/// <summary>
/// Worker to driver: "I am idle, give me a batch". <paramref name="ModelChecksum"/> names the refiner the worker
/// holds ("" for none), so the driver sends the weights only to a worker that lacks them.
/// </summary>
public sealed record RequestRefineWork(string Node, string ModelChecksum) : ISimGanMessage;

/// <summary>The refiner's architecture and its weights in <c>WeightVector</c> order; the checksum is the cache key.</summary>
public sealed record RefinerWeights(string Checksum, int Channels, int Width, int Blocks, int Kernel, bool EqualizeOutput, int NoiseChannels, float[] Weights) : ISimGanMessage;

/// <summary>
/// One batch to refine, in [0, 1] pixels exactly as the local refine reads them. <paramref name="Weights"/> is set
/// when the worker does not hold <paramref name="ModelChecksum"/> yet.
/// </summary>
public sealed record RefineWork(long Batch, string ModelChecksum, RefinerWeights? Weights, int Count,
                                int Channels, int Height, int Width, float[] Pixels) : ISimGanMessage;

/// <summary>The refined batch, [0, 1] pixels; the worker follows it with a new <see cref="RequestRefineWork"/>.</summary>
public sealed record RefinedBatch(long Batch, float[] Pixels, double Seconds) : ISimGanMessage;

/// <summary>
/// The worker could not refine the batch. <paramref name="Retry"/>: it lacked the model (the driver sends the batch
/// again, with weights); otherwise the batch itself is bad (wrong channels, ...) and the refinement stops with the reason.
/// </summary>
public sealed record RefineRefused(long Batch, string Reason, bool Retry) : ISimGanMessage;
