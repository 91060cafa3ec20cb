namespace SimGan.Core.Training;

/// <summary>
/// The arithmetic of fp16's loss scaling around a slice (the state lives in <see cref="Loop.LossScale"/>): a slice
/// multiplies its loss by the factor before the backward pass and divides its gradient by it after; the owner of the
/// optimizer skips a step whose summed gradient is not finite. The factor is a power of two, so both are exact.
/// </summary>
public static class LossScaling
{
    /// <summary>Whether a run scales its losses: fp16 only (bf16 and fp32 have fp32's range).</summary>
    public static bool Scales(TrainingOptions options) => Runtime.PrecisionNames.Parse(options.Precision) == Runtime.Precision.Fp16;

    /// <summary>Divides a scaled gradient by its factor in place; leaves it alone at 1, so fp32 and bf16 keep their bits.</summary>
    public static float[] Unscale(float[] gradient, float factor)
    {
        if (factor == 1f) return gradient;
        float inverse = 1f / factor;
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= inverse;
        return gradient;
    }

    /// <summary>Whether a run that scales must skip this summed gradient (an infinity or NaN from fp16 overflow).</summary>
    public static bool MustSkip(SimGanModel model, float[] sum)
    {
        if (!Scales(model.Options)) return false;
        foreach (float g in sum) if (!float.IsFinite(g)) return true;
        return false;
    }
}
