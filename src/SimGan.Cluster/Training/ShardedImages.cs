namespace SimGan.Cluster.Training;

/// <summary>
/// Collects images read from several buffer shards back into the order they were asked for.
/// </summary>
public sealed class ShardedImages
{
    private readonly int pixelsPerImage;
    private readonly Dictionary<int, List<int>> positionsByShard;
    private readonly HashSet<int> waiting;

    public ShardedImages(long request, int count, int pixelsPerImage, Dictionary<int, List<int>> positionsByShard)
    {
        Request = request;
        this.pixelsPerImage = pixelsPerImage;
        this.positionsByShard = positionsByShard;
        waiting = positionsByShard.Keys.ToHashSet();
        Pixels = new float[count * pixelsPerImage];
    }

    public long Request { get; }

    public float[] Pixels { get; }

    public IReadOnlyCollection<int> Waiting => waiting;

    public bool Complete => waiting.Count == 0;

    /// <summary>
    /// Takes a shard's answer; returns why it was refused, or null. A refused answer leaves its shard waited for, so
    /// the coordinator's retry asks it again instead of taking zeros (or failing the run over one bad message).
    /// </summary>
    public string? Accept(int shard, float[] pixels)
    {
        if (!waiting.Contains(shard)) return null;
        var positions = positionsByShard[shard];
        if (pixels.Length != positions.Count * pixelsPerImage)
            return $"buffer shard {shard} returned {pixels.Length} values for {positions.Count} images";
        waiting.Remove(shard);
        for (int i = 0; i < positions.Count; i++)
            pixels.AsSpan(i * pixelsPerImage, pixelsPerImage).CopyTo(Pixels.AsSpan(positions[i] * pixelsPerImage));
        return null;
    }
}
