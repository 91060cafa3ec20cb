namespace SimGan.Core.Training;

/// <summary>
/// Which slots of the history buffer a step reads and writes, apart from the images themselves. The local buffer
/// and the sharded one both take their slot numbers from here, drawing from the same generator in the same order,
/// which is why one seed gives both the same history.
/// </summary>
public sealed class HistorySlots
{
    public HistorySlots(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), "the history buffer needs room for at least one image");
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>Total images ever added, counting replacements: a check that the buffer is really fed.</summary>
    public long Added { get; private set; }

    /// <summary>True once n images can be sampled without repeating one.</summary>
    public bool CanSample(int n) => Count >= n;

    /// <summary>n distinct filled slots, chosen at random.</summary>
    public int[] PlanSample(int n, DeterministicRandom rng)
    {
        if (!CanSample(n)) throw new InvalidOperationException($"the history buffer holds {Count} images, {n} were asked for");
        return rng.Choose(n, Count);
    }

    /// <summary>
    /// The slot for each of n new images: appended while there is room, then random replacement (the paper's
    /// "randomly replace b/2 samples"). If n exceeds the capacity the extra images have no slot and are dropped.
    /// </summary>
    public int[] PlanAdd(int n, DeterministicRandom rng)
    {
        int appended = Math.Min(n, Capacity - Count);
        var slots = Enumerable.Range(Count, appended);
        Count += appended;
        int replaced = n - appended;
        if (replaced > 0) slots = slots.Concat(rng.Choose(Math.Min(replaced, Capacity), Capacity));
        Added += n;
        return slots.ToArray();
    }

    public void Restore(int count, long added)
    {
        if (count < 0 || count > Capacity || added < count)
            throw new InvalidDataException($"a history buffer of {Capacity} images cannot hold {count} of {added} added");
        Count = count;
        Added = added;
    }
}
