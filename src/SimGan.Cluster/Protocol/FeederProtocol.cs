using SimGan.Core.Training;

namespace SimGan.Cluster.Protocol;

/// <summary>Opens the run's datasets on the feeder. Idempotent: a feeder that already serves them just answers.</summary>
public sealed record StartFeeding(string Synthetic, string Real, string OptionsJson, bool Strict) : ISimGanMessage;

public sealed record FeedingStarted(int Channels, int Height, int Width, long SyntheticCount, long RealCount) : ISimGanMessage;

public sealed record FeedingFailed(string Reason) : ISimGanMessage;

/// <summary>Pull, never push: the feeder answers requests, so a slow trainer cannot be flooded.</summary>
public sealed record RequestBatch(DataStream Stream, long Number) : ISimGanMessage;

/// <summary>Pixels in [0, 1], Count images of the run's shape, row after row.</summary>
public sealed record BatchReady(DataStream Stream, long Number, int Count, float[] Pixels) : ISimGanMessage;

/// <summary>Rows [Start, Start + Count) of one batch, for a worker computing a slice; answered by <see cref="RowsReady"/>.</summary>
public sealed record RequestRows(long Request, DataStream Stream, long Number, int Start, int Count) : ISimGanMessage;

public sealed record RowsReady(long Request, float[] Pixels) : ISimGanMessage;
