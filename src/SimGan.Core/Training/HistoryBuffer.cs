using SimGan.Core.Images;

namespace SimGan.Core.Training;

/// <summary>
/// The paper's history of refined images (Sec. 2.3). Half of each discriminator batch comes from here, so D keeps
/// rejecting artefacts the refiner produced earlier. It fills by appending until full, then replaces random slots.
/// Plain arrays, no tensors: the cluster shards the same class, and a checkpoint stores it as bytes.
/// </summary>
public sealed class HistoryBuffer
{
    private readonly float[] images;

    public HistoryBuffer(int capacity, ImageShape shape)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), "the history buffer needs room for at least one image");
        Capacity = capacity;
        Shape = shape;
        images = new float[(long)capacity * shape.Pixels];
    }

    public int Capacity { get; }

    public ImageShape Shape { get; }

    public int Count { get; private set; }

    /// <summary>Total images ever added, counting replacements: a check that the buffer is really fed.</summary>
    public long Added { get; private set; }

    /// <summary>True once it can supply <paramref name="n"/> images without repeating one in a sample.</summary>
    public bool CanSample(int n) => Count >= n;

    /// <summary>Copies n distinct, randomly chosen stored images into destination (n × pixels floats).</summary>
    public void Sample(int n, DeterministicRandom rng, Span<float> destination)
    {
        if (!CanSample(n)) throw new InvalidOperationException($"the history buffer holds {Count} images, {n} were asked for");
        int pixels = Shape.Pixels;
        var chosen = rng.Choose(n, Count);
        for (int i = 0; i < n; i++)
            images.AsSpan(chosen[i] * pixels, pixels).CopyTo(destination.Slice(i * pixels, pixels));
    }

    /// <summary>
    /// Stores n images: appended while there is room, then each overwrites a randomly chosen slot (the paper's
    /// "randomly replace b/2 samples in the buffer").
    /// </summary>
    public void Add(ReadOnlySpan<float> batch, int n, DeterministicRandom rng)
    {
        int pixels = Shape.Pixels;
        if (batch.Length < n * pixels) throw new ArgumentException("the batch is smaller than n images");
        int appended = Math.Min(n, Capacity - Count);
        for (int i = 0; i < appended; i++)
            batch.Slice(i * pixels, pixels).CopyTo(images.AsSpan((Count + i) * pixels, pixels));
        Count += appended;
        int replaced = n - appended;
        if (replaced > 0)
        {
            var slots = rng.Choose(Math.Min(replaced, Capacity), Capacity);
            for (int i = 0; i < slots.Length; i++)
                batch.Slice((appended + i) * pixels, pixels).CopyTo(images.AsSpan(slots[i] * pixels, pixels));
        }
        Added += n;
    }

    /// <summary>The stored images, for checkpoints.</summary>
    public ReadOnlySpan<float> Contents => images.AsSpan(0, Count * Shape.Pixels);

    public void Restore(ReadOnlySpan<float> contents, long added)
    {
        int pixels = Shape.Pixels;
        if (contents.Length % pixels != 0 || contents.Length / pixels > Capacity)
            throw new InvalidDataException("the stored history buffer does not fit this buffer's shape and capacity");
        contents.CopyTo(images);
        Count = contents.Length / pixels;
        Added = added;
    }
}
