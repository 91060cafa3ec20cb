namespace SimGan.Cluster.Protocol;

/// <summary>Messages routed by Cluster.Sharding to one history-buffer shard of one run.</summary>
public interface IBufferShardMessage : ISimGanMessage
{
    string Run { get; }
    int Shard { get; }
}

/// <summary>Sizes a shard (and empties it): sent when a run starts or is restored.</summary>
public sealed record ConfigureShard(string Run, int Shard, int Capacity, int PixelsPerImage) : IBufferShardMessage;

public sealed record ShardConfigured(string Run, int Shard) : ISimGanMessage;

/// <summary>Writes step <paramref name="Step"/>'s images into local slots of the shard (Core's HistoryImages semantics).</summary>
public sealed record PutImages(string Run, int Shard, long Request, long Step, int[] Slots, float[] Pixels) : IBufferShardMessage;

public sealed record ImagesPut(string Run, int Shard, long Request, int Count) : ISimGanMessage;

/// <summary>Reads local slots as they were before step <paramref name="Step"/> wrote to them.</summary>
public sealed record SampleImages(string Run, int Shard, long Request, long Step, int[] Slots) : IBufferShardMessage;

public sealed record ImagesSampled(string Run, int Shard, long Request, float[] Pixels) : ISimGanMessage;

/// <summary>Persists the shard's contents, tagged with the training step they belong to (no answer: the coordinator's
/// own snapshot holds the whole history; this one lets a restarted shard entity start from something close).</summary>
public sealed record CheckpointShard(string Run, int Shard, long Step) : IBufferShardMessage;

public sealed record GetShardStats(string Run, int Shard) : IBufferShardMessage;

public sealed record ShardStats(string Run, int Shard, string Node, int Filled, int Capacity, long? CheckpointStep) : ISimGanMessage;

/// <summary>A shard's persisted state.</summary>
public sealed record BufferShardSnapshot(long Step, int Capacity, int PixelsPerImage, int Filled, float[] Contents) : ISimGanMessage;
