namespace SimGan.Core.Training.Loop;

/// <summary>
/// The rows of one slice of D's batch and where each comes from. D's refined rows are the current half (R applied to
/// synthetic batch <paramref name="Batch"/>, <see cref="DataStream.SyntheticForDiscriminator"/>) followed, once the
/// history can supply them, by as many images read from the history; its real rows come from real batch
/// <paramref name="Batch"/>. Every slice takes its share of the current rows and its share of the history rows, so
/// each one refines about the same number of images: R's forward pass is the costly part of a D slice, and a slice
/// holding all the current rows would leave the others waiting for it. A slice reads <paramref name="ReadSlots"/> (its
/// history rows, in order) and writes its current rows to <paramref name="WriteSlots"/>: reads see the history as it
/// was before this step wrote anything.
/// </summary>
/// <param name="Half">Rows in the current half (b/2).</param>
/// <param name="Current">The slice's rows of the current half.</param>
/// <param name="History">The slice's rows of the history part (numbered from 0; row i is refined row Half + i).</param>
/// <param name="Real">The slice's rows of the real batch (<paramref name="RealTotal"/> rows).</param>
public sealed record DiscriminatorSliceRows(long Batch, int Half, int RefinedTotal, int RealTotal, RowRange Current, RowRange History, RowRange Real,
                                            int[] ReadSlots, int[] WriteSlots)
{
    /// <summary>How many refined rows the slice holds: its current rows, then its history rows.</summary>
    public int RefinedCount => Current.Count + History.Count;

    /// <summary>How D's inputs of this slice are augmented: every row keyed by its index in the whole refined batch.</summary>
    public SliceAugmentation Augmentation(Augmentation.AugmentationPolicy policy, ulong seed, long step) =>
        new(policy, seed, step, Current.Start, Real.Start, History.Count, Half + History.Start);
}
