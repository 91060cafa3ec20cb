namespace SimGan.Core.Images;

/// <summary>Reads each batch on the caller's thread: the reference that prefetching feeds must match.</summary>
public sealed class DirectBatchFeed(IImageSource source, BatchPlan plan) : IBatchFeed
{
    public ImageShape Shape => source.Shape;

    public int BatchSize => plan.BatchSize;

    public float[] Take(long batchNumber) => TakeRows(batchNumber, 0, plan.BatchSize);

    /// <summary>Rows [start, start + count) of batch <paramref name="batchNumber"/>, read alone: a slice worker's share.</summary>
    public float[] TakeRows(long batchNumber, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > plan.BatchSize)
            throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + count} of a batch of {plan.BatchSize}");
        int pixels = source.Shape.Pixels;
        var rows = new float[count * pixels];
        long[] indices = plan.IndicesFor(batchNumber);
        for (int i = 0; i < count; i++)
            source.ReadImage(indices[start + i], rows.AsSpan(i * pixels, pixels));
        return rows;
    }

    public void Dispose() { }
}
