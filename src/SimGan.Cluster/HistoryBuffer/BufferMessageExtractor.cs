using Akka.Cluster.Sharding;
using SimGan.Cluster.Protocol;

namespace SimGan.Cluster.HistoryBuffer;

/// <summary>Routes buffer messages to the entity of their (run, shard); the Akka shard id is the same number.</summary>
public sealed class BufferMessageExtractor() : HashCodeMessageExtractor(MaxShards)
{
    private const int MaxShards = 100;

    public override string? EntityId(object message) =>
        message is IBufferShardMessage m ? BufferShardActor.EntityId(m.Run, m.Shard) : null;

    public override string ShardId(string entityId, object? messageHint = null) =>
        (int.Parse(entityId[(entityId.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture) % MaxShards)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
