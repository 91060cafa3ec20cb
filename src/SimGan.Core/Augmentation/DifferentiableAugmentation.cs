using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Augmentation;

/// <summary>Where in a run a batch is augmented: the run's seed, the step, which batch, and the first row's index in it.</summary>
public readonly record struct AugmentationKey(ulong Seed, long Step, AugmentedBatch Batch, long FirstIndex = 0)
{
    public AugmentationKey At(long firstIndex) => this with { FirstIndex = firstIndex };
}

/// <summary>
/// Applies an <see cref="AugmentationPolicy"/> to a batch in the networks' [-1, 1] range, differentiably: gradients
/// reach the refiner through every transform. Colour first, then geometry, as DiffAugment orders them. Each image's
/// transforms depend only on its own pixels, so a batch augmented in slices equals the batch augmented whole.
/// </summary>
public static class DifferentiableAugmentation
{
    public static Tensor Apply(Tensor images, AugmentationPolicy policy, AugmentationKey key)
    {
        if (policy.IsNone) return images.alias();
        using var scope = torch.NewDisposeScope();
        long n = images.shape[0], c = images.shape[1];
        int h = (int)images.shape[2], w = (int)images.shape[3];
        var draws = new AugmentationDraw[n];
        for (int i = 0; i < n; i++) draws[i] = AugmentationDraw.For(key.Seed, key.Step, key.Batch, key.FirstIndex + i, h, w);

        var x = images;
        if (policy.Brightness)
            x = x.add(PerImage(draws, d => d.Brightness, images), HeldScalars.One);
        if (policy.Contrast)
        {
            var mean = x.mean([1, 2, 3], keepdim: true);
            x = x.sub(mean).mul(PerImage(draws, d => d.Contrast, images)).add(mean, HeldScalars.One);
        }
        if (policy.Translation || policy.Cutout || policy.Flip)
        {
            var (source, keep) = Geometry(draws, policy, h, w);
            var index = torch.tensor(source, [n, 1, (long)h * w], device: images.device).expand(n, c, (long)h * w);
            var mask = torch.tensor(keep, [n, 1, (long)h * w], dtype: images.dtype, device: images.device);
            x = x.reshape(n, c, (long)h * w).gather(2, index).mul(mask).reshape(n, c, h, w);
        }
        return x.MoveToOuterDisposeScope();
    }

    static Tensor PerImage(AugmentationDraw[] draws, Func<AugmentationDraw, float> value, Tensor like) =>
        torch.tensor(draws.Select(value).ToArray(), [draws.Length, 1, 1, 1], dtype: like.dtype, device: like.device);

    /// <summary>
    /// For every output pixel, the input pixel it reads (mirrored left to right, then shifted, by the draw) and whether
    /// it is kept: 0 where the shift brings in pixels from outside the image or the cutout rectangle covers it. One
    /// gather then does all three.
    /// </summary>
    static (long[] Source, float[] Keep) Geometry(AugmentationDraw[] draws, AugmentationPolicy policy, int h, int w)
    {
        int pixels = h * w, cutH = AugmentationDraw.CutHeight(h), cutW = AugmentationDraw.CutWidth(w);
        var source = new long[draws.Length * pixels];
        var keep = new float[draws.Length * pixels];
        for (int i = 0; i < draws.Length; i++)
        {
            var d = draws[i];
            int dy = policy.Translation ? d.ShiftY : 0, dx = policy.Translation ? d.ShiftX : 0;
            for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int at = i * pixels + y * w + x, sy = y - dy, sx = x - dx;
                bool inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                bool cut = policy.Cutout && y >= d.CutTop && y < d.CutTop + cutH && x >= d.CutLeft && x < d.CutLeft + cutW;
                int mx = policy.Flip && d.Mirror ? w - 1 - sx : sx;
                source[at] = inside ? sy * w + mx : 0;
                keep[at] = inside && !cut ? 1f : 0f;
            }
        }
        return (source, keep);
    }
}
