namespace SimGan.Core.Images;

/// <summary>Delivers the pixels of the batches of a <see cref="BatchPlan"/>, in [0, 1], channels first.</summary>
public interface IBatchFeed : IDisposable
{
    ImageShape Shape { get; }

    int BatchSize { get; }

    /// <summary>
    /// The pixels of batch <paramref name="batchNumber"/> (BatchSize × Shape.Pixels floats). Callers usually ask for
    /// consecutive numbers; a jump (after a resume) must still return the right batch.
    /// </summary>
    float[] Take(long batchNumber);
}
