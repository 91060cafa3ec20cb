using SimGan.Core.Augmentation;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Training.Loop;
using TorchSharp;

namespace SimGan.Core.Training;

/// <summary>One D slice's result: its gradient, and its refined current rows for the history (pixels in [0, 1]).</summary>
public sealed record DiscriminatorSliceResult(SliceGradient Gradient, float[] CurrentPixels);

/// <summary>
/// One slice of D's step from its inputs as pixels, the same wherever it runs: R refines the slice's rows of the
/// step's synthetic half, they are followed by its history rows, and D's gradient is computed on those against its real
/// rows. The slice count is a training option, so every engine refines the same rows in the same batches.
/// </summary>
public static class DiscriminatorSliceWork
{
    /// <param name="synthetic">The slice's current rows of the synthetic half (pixels in [0, 1]).</param>
    /// <param name="history">The slice's history rows, read before this step wrote any (pixels in [0, 1]).</param>
    /// <param name="real">The slice's real rows (pixels in [0, 1]).</param>
    public static DiscriminatorSliceResult Compute(Refiner refiner, Discriminator discriminator, DiscriminatorSliceRows rows,
                                                   float[] synthetic, float[] history, float[] real, ImageShape shape, AugmentationPolicy policy, ulong seed, long step,
                                                   float lossScale = 1f)
    {
        using var scope = torch.NewDisposeScope();
        var current = rows.Current;
        // The refined rows are gathered where D computes; its real rows move there in DiscriminatorGradient.
        var device = NetworkPlacement.DeviceOf(discriminator);
        var parts = new List<torch.Tensor>();
        torch.Tensor? refinedCurrent = null;
        if (current.Count > 0)
        {
            var inputs = ImageTensors.FromPixels(synthetic, current.Count, shape).to(NetworkPlacement.DeviceOf(refiner));
            using (torch.no_grad()) refinedCurrent = refiner.Refine(inputs).to(device).contiguous();
            parts.Add(refinedCurrent);
        }
        if (rows.History.Count > 0) parts.Add(ImageTensors.FromPixels(history, rows.History.Count, shape).to(device));
        var refined = (parts.Count == 1 ? parts[0] : torch.cat(parts, 0)).contiguous();
        var realRows = ImageTensors.FromPixels(real, rows.Real.Count, shape);
        var gradient = DiscriminatorGradient.Compute(discriminator, refined, realRows, rows.RefinedTotal, rows.RealTotal, rows.Augmentation(policy, seed, step), lossScale);
        return new DiscriminatorSliceResult(gradient, refinedCurrent is null ? [] : ImageTensors.ToPixels(refinedCurrent));
    }
}
