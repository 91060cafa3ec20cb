using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Training.Loop;
using TorchSharp;

namespace SimGan.Core.Training;

/// <summary>One D slice's result: its gradient, and its rows of the current refined images for the history (pixels in [0, 1]).</summary>
public sealed record DiscriminatorSliceResult(SliceGradient Gradient, float[] CurrentPixels);

/// <summary>
/// One slice of D's step from its inputs as pixels, the same wherever it runs: R refines the step's whole synthetic
/// half (always all of it, so a convolution sees the same batch whichever slice asks), the slice takes its rows of it,
/// then its history rows, and D's gradient is computed on those against its real rows.
/// </summary>
public static class DiscriminatorSliceWork
{
    /// <summary>R applied to D's synthetic half: network values in [-1, 1], N×C×H×W, computed without gradients.</summary>
    public static torch.Tensor RefineHalf(Refiner refiner, float[] syntheticHalf, int half, ImageShape shape)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return refiner.Refine(ImageTensors.FromPixels(syntheticHalf, half, shape)).contiguous().MoveToOuterDisposeScope();
    }

    /// <param name="refinedHalf">What <see cref="RefineHalf"/> gave for this step; not needed by a slice of history rows only.</param>
    /// <param name="historyPixels">The slice's history rows, read before this step wrote any (pixels in [0, 1]).</param>
    /// <param name="realPixels">The slice's real rows (pixels in [0, 1]).</param>
    public static DiscriminatorSliceResult Compute(Discriminator discriminator, torch.Tensor? refinedHalf, DiscriminatorSliceRows rows,
                                                   float[] historyPixels, float[] realPixels, ImageShape shape, SliceAugmentation augmentation)
    {
        using var scope = torch.NewDisposeScope();
        var current = rows.Current;
        var parts = new List<torch.Tensor>();
        if (current.Count > 0)
            parts.Add((refinedHalf ?? throw new ArgumentException("a slice with current rows needs the step's refined half"))
                      .narrow(0, current.Start, current.Count));
        int historyRows = rows.Refined.Count - current.Count;
        if (historyRows > 0) parts.Add(ImageTensors.FromPixels(historyPixels, historyRows, shape));
        var refined = (parts.Count == 1 ? parts[0] : torch.cat(parts, 0)).contiguous();
        var real = ImageTensors.FromPixels(realPixels, rows.Real.Count, shape);
        var gradient = DiscriminatorGradient.Compute(discriminator, refined, real, rows.RefinedTotal, rows.RealTotal, augmentation);
        var written = current.Count > 0 ? ImageTensors.ToPixels(refinedHalf!.narrow(0, current.Start, current.Count)) : [];
        return new DiscriminatorSliceResult(gradient, written);
    }
}
