namespace SimGan.Admin.Contract;

public sealed record ShardRegionView(string Node, string TypeName, int Shards, int Entities);

public sealed record ShardRegionsView(ShardRegionView[] Regions);

/// <summary>One history-buffer shard: how many images it holds out of how many it can.</summary>
public sealed record ShardStat(string Node, string ShardId, int Entities, int BufferImages, int BufferCapacity);

public sealed record ShardStatsView(ShardStat[] Shards)
{
    // Computed so the totals can never disagree with the rows; serialised for readers of the raw JSON.
    public int TotalEntities => Shards.Sum(s => s.Entities);
    public int TotalBufferImages => Shards.Sum(s => s.BufferImages);
    public int TotalBufferCapacity => Shards.Sum(s => s.BufferCapacity);
}
