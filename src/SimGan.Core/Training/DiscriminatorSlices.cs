namespace SimGan.Core.Training;

/// <summary>The rows of one slice of a discriminator batch: a run of refined images and a run of real ones.</summary>
public readonly record struct SliceRange(int RefinedStart, int RefinedCount, int RealStart, int RealCount);

/// <summary>
/// Cuts a discriminator batch into a fixed number of slices. The count is part of the training options, not of the
/// cluster's size, so the sum of slice gradients (added in slice order) is the same number whether one process or
/// ten computed the slices: adding or losing workers changes speed, never the arithmetic.
/// </summary>
public static class DiscriminatorSlices
{
    public static SliceRange[] Split(int refined, int real, int slices)
    {
        if (slices < 1 || slices > Math.Min(refined, real))
            throw new ArgumentOutOfRangeException(nameof(slices), $"{slices} slices cannot split {refined} refined and {real} real images");
        var ranges = new SliceRange[slices];
        for (int k = 0; k < slices; k++)
        {
            int r0 = (int)((long)refined * k / slices), r1 = (int)((long)refined * (k + 1) / slices);
            int q0 = (int)((long)real * k / slices), q1 = (int)((long)real * (k + 1) / slices);
            ranges[k] = new SliceRange(r0, r1 - r0, q0, q1 - q0);
        }
        return ranges;
    }
}
