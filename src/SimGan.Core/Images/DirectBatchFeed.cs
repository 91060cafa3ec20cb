namespace SimGan.Core.Images;

/// <summary>Reads each batch on the caller's thread: the reference that prefetching feeds must match.</summary>
public sealed class DirectBatchFeed(IImageSource source, BatchPlan plan) : IBatchFeed
{
    public ImageShape Shape => source.Shape;

    public int BatchSize => plan.BatchSize;

    public float[] Take(long batchNumber)
    {
        int pixels = source.Shape.Pixels;
        var batch = new float[plan.BatchSize * pixels];
        long[] indices = plan.IndicesFor(batchNumber);
        for (int i = 0; i < indices.Length; i++)
            source.ReadImage(indices[i], batch.AsSpan(i * pixels, pixels));
        return batch;
    }

    public void Dispose() { }
}
