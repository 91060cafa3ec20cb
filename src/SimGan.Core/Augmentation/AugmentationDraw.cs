using SimGan.Core.Images;

namespace SimGan.Core.Augmentation;

/// <summary>Which batch of which step an augmented image belongs to; every engine derives the same draws from it.</summary>
public enum AugmentedBatch : byte { RefinerStep = 1, DiscriminatorRefined = 2, DiscriminatorReal = 3 }

/// <summary>
/// One image's transform parameters. A pure function of (seed, step, batch, index in the batch), not of a generator
/// that advances, so a cluster worker computing rows 8..15 of a D batch draws exactly what the local trainer draws
/// for those rows, and a resumed run draws what an uninterrupted one would.
/// </summary>
public readonly record struct AugmentationDraw(float Brightness, float Contrast, int ShiftY, int ShiftX, int CutTop, int CutLeft, bool Mirror)
{
    public static AugmentationDraw For(ulong seed, long step, AugmentedBatch batch, long index, int height, int width)
    {
        ulong state = BatchPlan.Mix(BatchPlan.Mix(BatchPlan.Mix(seed ^ 0xA06_0000UL ^ (ulong)batch) + (ulong)step) + (ulong)index);
        double Next() { state = BatchPlan.Mix(state); return (state >> 11) * (1.0 / (1UL << 53)); }
        int maxY = (int)(height * AugmentationPolicy.TranslationFraction + 0.5), maxX = (int)(width * AugmentationPolicy.TranslationFraction + 0.5);
        int cutH = CutHeight(height), cutW = CutWidth(width);
        return new AugmentationDraw(
            Brightness: (float)((Next() * 2 - 1) * AugmentationPolicy.BrightnessRange),
            Contrast: (float)(1 + (Next() * 2 - 1) * AugmentationPolicy.ContrastRange),
            ShiftY: (int)(Next() * (2 * maxY + 1)) - maxY,
            ShiftX: (int)(Next() * (2 * maxX + 1)) - maxX,
            // The rectangle's centre is anywhere in the image, so it may hang over the border, as DiffAugment's does.
            CutTop: (int)(Next() * (height + 1)) - cutH / 2,
            CutLeft: (int)(Next() * (width + 1)) - cutW / 2,
            // Drawn last, so adding it left every earlier draw (and every run made before it) as it was.
            Mirror: Next() < 0.5);
    }

    public static int CutHeight(int height) => Math.Max(1, (int)(height * AugmentationPolicy.CutoutFraction + 0.5));

    public static int CutWidth(int width) => Math.Max(1, (int)(width * AugmentationPolicy.CutoutFraction + 0.5));
}
