using SimGan.Core.Images;

namespace SimGan.Core.Training;

/// <summary>
/// The paper's history of refined images (Sec. 2.3), in one process: which slots are filled (<see cref="HistorySlots"/>,
/// whose plan the training loop draws) and the images in them (<see cref="HistoryImages"/>). Half of each discriminator
/// batch comes from here, so D keeps rejecting artefacts the refiner produced earlier. Plain arrays, no tensors: a
/// checkpoint stores it as bytes.
/// </summary>
public sealed class HistoryBuffer
{
    public HistoryBuffer(int capacity, ImageShape shape)
    {
        Slots = new HistorySlots(capacity);
        Images = new HistoryImages(capacity, shape.Pixels);
        Shape = shape;
    }

    public HistorySlots Slots { get; }

    public HistoryImages Images { get; }

    public int Capacity => Slots.Capacity;

    public ImageShape Shape { get; }

    public int Count => Slots.Count;

    public long Added => Slots.Added;

    public bool CanSample(int n) => Slots.CanSample(n);

    /// <summary>The stored images, for checkpoints.</summary>
    public ReadOnlySpan<float> Contents => Images.Contents(Count);

    public void Restore(ReadOnlySpan<float> contents, long added)
    {
        int pixels = Shape.Pixels;
        if (contents.Length % pixels != 0 || contents.Length / pixels > Capacity)
            throw new InvalidDataException("the stored history buffer does not fit this buffer's shape and capacity");
        Slots.Restore(contents.Length / pixels, added);
        Images.Restore(contents);
    }
}
