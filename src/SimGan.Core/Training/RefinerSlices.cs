namespace SimGan.Core.Training;

/// <summary>A run of rows of a batch.</summary>
public readonly record struct RowRange(int Start, int Count)
{
    /// <summary>Part <paramref name="k"/> of <paramref name="rows"/> cut into <paramref name="parts"/> near-equal runs (empty when rows &lt; parts).</summary>
    public static RowRange Part(int rows, int k, int parts)
    {
        int start = (int)((long)rows * k / parts), end = (int)((long)rows * (k + 1) / parts);
        return new RowRange(start, end - start);
    }
}

/// <summary>
/// Cuts a refiner batch into a fixed number of slices, as <see cref="DiscriminatorSlices"/> cuts D's: the count is a
/// training option, so the sum of slice gradients (added in slice order) is the same number however many processes
/// computed the slices.
/// </summary>
public static class RefinerSlices
{
    public static RowRange[] Split(int rows, int slices)
    {
        if (slices < 1 || slices > rows)
            throw new ArgumentOutOfRangeException(nameof(slices), $"{slices} slices cannot split {rows} images");
        return Enumerable.Range(0, slices).Select(k => RowRange.Part(rows, k, slices)).ToArray();
    }
}
