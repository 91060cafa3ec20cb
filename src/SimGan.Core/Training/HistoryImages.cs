namespace SimGan.Core.Training;

/// <summary>
/// The pixels of a block of history slots (the whole buffer in one process, one shard's block in the cluster), read
/// and written by step. A step's reads see the block as it was before that step wrote anything, however reads and
/// writes of the step interleave: the slices of a D step read history and write their refined images in any order, on
/// any node, and still all see the same history (Algorithm 1 samples the history, then adds to it).
/// </summary>
public sealed class HistoryImages
{
    readonly float[] images;
    readonly int pixelsPerImage;
    // The values this step's writes replaced, kept for this step's reads. Older steps are done once a newer one writes.
    readonly Dictionary<int, float[]> replaced = new();
    long replacedStep = long.MinValue;

    public HistoryImages(int slots, int pixelsPerImage)
    {
        if (slots < 0 || pixelsPerImage <= 0) throw new ArgumentOutOfRangeException(nameof(slots), "a history block needs slots and pixels");
        Slots = slots;
        this.pixelsPerImage = pixelsPerImage;
        images = new float[(long)slots * pixelsPerImage];
    }

    public int Slots { get; }

    public int PixelsPerImage => pixelsPerImage;

    /// <summary>The images in <paramref name="slots"/> as they were before step <paramref name="step"/> wrote to them.</summary>
    public float[] Read(long step, IReadOnlyList<int> slots)
    {
        var pixels = new float[slots.Count * pixelsPerImage];
        for (int i = 0; i < slots.Count; i++)
        {
            int slot = Check(slots[i]);
            var source = step == replacedStep && replaced.TryGetValue(slot, out var before)
                ? before.AsSpan()
                : images.AsSpan(slot * pixelsPerImage, pixelsPerImage);
            source.CopyTo(pixels.AsSpan(i * pixelsPerImage, pixelsPerImage));
        }
        return pixels;
    }

    /// <summary>
    /// Writes step <paramref name="step"/>'s images into <paramref name="slots"/>. Writing the same again is harmless,
    /// and a write for a step older than one already written (a late duplicate of a retried message) is ignored.
    /// </summary>
    public void Write(long step, IReadOnlyList<int> slots, ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != slots.Count * pixelsPerImage)
            throw new ArgumentException($"{pixels.Length} values are not {slots.Count} images of {pixelsPerImage} pixels");
        if (step < replacedStep) return;
        if (step > replacedStep)
        {
            replaced.Clear();
            replacedStep = step;
        }
        for (int i = 0; i < slots.Count; i++)
        {
            int slot = Check(slots[i]);
            var target = images.AsSpan(slot * pixelsPerImage, pixelsPerImage);
            if (step == replacedStep && !replaced.ContainsKey(slot)) replaced[slot] = target.ToArray();
            pixels.Slice(i * pixelsPerImage, pixelsPerImage).CopyTo(target);
        }
    }

    /// <summary>The first <paramref name="count"/> slots as they are now, for checkpoints.</summary>
    public ReadOnlySpan<float> Contents(int count) => images.AsSpan(0, count * pixelsPerImage);

    /// <summary>Replaces everything (a restore): later steps start from these images.</summary>
    public void Restore(ReadOnlySpan<float> contents)
    {
        if (contents.Length > images.Length || contents.Length % pixelsPerImage != 0)
            throw new InvalidDataException("the stored history does not fit this block's slots");
        Array.Clear(images);
        contents.CopyTo(images);
        replaced.Clear();
        replacedStep = long.MinValue;
    }

    int Check(int slot) =>
        slot >= 0 && slot < Slots ? slot : throw new ArgumentOutOfRangeException(nameof(slot), $"slot {slot} is outside this block's {Slots} slots");
}
