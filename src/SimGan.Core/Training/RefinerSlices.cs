namespace SimGan.Core.Training;

/// <summary>The rows of one slice of a refiner batch.</summary>
public readonly record struct RowRange(int Start, int Count);

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
        var ranges = new RowRange[slices];
        for (int k = 0; k < slices; k++)
        {
            int start = (int)((long)rows * k / slices), end = (int)((long)rows * (k + 1) / slices);
            ranges[k] = new RowRange(start, end - start);
        }
        return ranges;
    }
}
