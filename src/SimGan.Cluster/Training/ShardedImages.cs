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

    public void Accept(int shard, float[] pixels)
    {
        if (!waiting.Contains(shard)) return;
        var positions = positionsByShard[shard];
        // Checked before the shard stops being waited for, so a bad answer is asked for again, not taken as zeros.
        if (pixels.Length != positions.Count * pixelsPerImage)
            throw new InvalidDataException($"buffer shard {shard} returned {pixels.Length} values for {positions.Count} images");
        waiting.Remove(shard);
        for (int i = 0; i < positions.Count; i++)
            pixels.AsSpan(i * pixelsPerImage, pixelsPerImage).CopyTo(Pixels.AsSpan(positions[i] * pixelsPerImage));
    }
}
