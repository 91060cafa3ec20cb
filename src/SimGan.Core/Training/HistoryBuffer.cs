using SimGan.Core.Images;

namespace SimGan.Core.Training;

/// <summary>
/// The paper's history of refined images (Sec. 2.3), in one process. Half of each discriminator batch comes from
/// here, so D keeps rejecting artefacts the refiner produced earlier. <see cref="HistorySlots"/> decides which slots
/// are read and written; this class only holds the pixels. Plain arrays, no tensors: a checkpoint stores it as bytes.
/// </summary>
public sealed class HistoryBuffer
{
    private readonly float[] images;

    public HistoryBuffer(int capacity, ImageShape shape)
    {
        Slots = new HistorySlots(capacity);
        Shape = shape;
        images = new float[(long)capacity * shape.Pixels];
    }

    public HistorySlots Slots { get; }

    public int Capacity => Slots.Capacity;

    public ImageShape Shape { get; }

    public int Count => Slots.Count;

    public long Added => Slots.Added;

    public bool CanSample(int n) => Slots.CanSample(n);

    /// <summary>Copies n distinct, randomly chosen stored images into destination (n × pixels floats).</summary>
    public void Sample(int n, DeterministicRandom rng, Span<float> destination)
    {
        int pixels = Shape.Pixels;
        var chosen = Slots.PlanSample(n, rng);
        for (int i = 0; i < n; i++)
            images.AsSpan(chosen[i] * pixels, pixels).CopyTo(destination.Slice(i * pixels, pixels));
    }

    /// <summary>Stores n images in the slots <see cref="HistorySlots.PlanAdd"/> gives them.</summary>
    public void Add(ReadOnlySpan<float> batch, int n, DeterministicRandom rng)
    {
        int pixels = Shape.Pixels;
        if (batch.Length < n * pixels) throw new ArgumentException("the batch is smaller than n images");
        var slots = Slots.PlanAdd(n, rng);
        for (int i = 0; i < slots.Length; i++)
            batch.Slice(i * pixels, pixels).CopyTo(images.AsSpan(slots[i] * pixels, pixels));
    }

    /// <summary>The stored images, for checkpoints.</summary>
    public ReadOnlySpan<float> Contents => images.AsSpan(0, Count * Shape.Pixels);

    public void Restore(ReadOnlySpan<float> contents, long added)
    {
        int pixels = Shape.Pixels;
        if (contents.Length % pixels != 0 || contents.Length / pixels > Capacity)
            throw new InvalidDataException("the stored history buffer does not fit this buffer's shape and capacity");
        Slots.Restore(contents.Length / pixels, added);
        contents.CopyTo(images);
    }
}
