namespace SimGan.Cluster.HistoryBuffer;

/// <summary>
/// Splits the history buffer's global slots into S contiguous blocks, one per shard entity. The slot numbers come
/// from <see cref="SimGan.Core.Training.HistorySlots"/>, so the sharded buffer stores exactly what the local one would.
/// </summary>
public sealed class ShardLayout
{
    public ShardLayout(int capacity, int shards)
    {
        if (shards < 1 || shards > capacity) throw new ArgumentOutOfRangeException(nameof(shards), $"cannot split {capacity} slots into {shards} shards");
        Capacity = capacity;
        Shards = shards;
    }

    public int Capacity { get; }

    public int Shards { get; }

    public int Start(int shard) => (int)((long)Capacity * shard / Shards);

    public int SizeOf(int shard) => Start(shard + 1) - Start(shard);

    public (int Shard, int Local) Locate(int slot)
    {
        if (slot < 0 || slot >= Capacity) throw new ArgumentOutOfRangeException(nameof(slot));
        int shard = (int)(((long)slot * Shards + Shards - 1) / Capacity);
        while (Start(shard) > slot) shard--;
        while (Start(shard + 1) <= slot) shard++;
        return (shard, slot - Start(shard));
    }

    /// <summary>Groups global slots by shard, remembering each one's position in the original order.</summary>
    public Dictionary<int, (List<int> Local, List<int> Positions)> Group(IReadOnlyList<int> slots)
    {
        var groups = new Dictionary<int, (List<int>, List<int>)>();
        for (int i = 0; i < slots.Count; i++)
        {
            var (shard, local) = Locate(slots[i]);
            if (!groups.TryGetValue(shard, out var g)) groups[shard] = g = (new List<int>(), new List<int>());
            g.Item1.Add(local);
            g.Item2.Add(i);
        }
        return groups;
    }
}
