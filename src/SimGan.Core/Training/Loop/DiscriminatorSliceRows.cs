namespace SimGan.Core.Training.Loop;

/// <summary>
/// The rows of one slice of D's batch and where each comes from. D's refined rows are the current half first (R applied
/// to synthetic batch <paramref name="Batch"/>, <see cref="DataStream.SyntheticForDiscriminator"/>) and then, once the
/// history can supply them, as many images read from the history; its real rows come from real batch
/// <paramref name="Batch"/>. A slice reads <paramref name="ReadSlots"/> (its history rows, in order) and writes its
/// current rows to <paramref name="WriteSlots"/>: reads see the history as it was before this step wrote anything.
/// </summary>
/// <param name="Refined">The slice's rows of the refined batch (<paramref name="RefinedTotal"/> rows, the current half first).</param>
/// <param name="Real">The slice's rows of the real batch (<paramref name="RealTotal"/> rows).</param>
/// <param name="Half">Rows in the current half (b/2): refined rows below it are current, the rest history.</param>
public sealed record DiscriminatorSliceRows(long Batch, int Half, int RefinedTotal, int RealTotal, RowRange Refined, RowRange Real,
                                            int[] ReadSlots, int[] WriteSlots)
{
    /// <summary>The slice's rows of the current half.</summary>
    public RowRange Current
    {
        get
        {
            int end = Math.Min(Refined.Start + Refined.Count, Half);
            return Refined.Start >= Half ? new RowRange(Half, 0) : new RowRange(Refined.Start, end - Refined.Start);
        }
    }
}
