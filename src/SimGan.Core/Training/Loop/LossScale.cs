namespace SimGan.Core.Training.Loop;

/// <summary>
/// Dynamic loss scaling for fp16, one per network: the factor a slice multiplies its loss by before the backward
/// pass, so that small gradients are not flushed to zero in fp16, and divides the gradient by afterwards. A step whose
/// summed gradient is not finite is skipped and the factor halved; after <see cref="GrowthInterval"/> finite steps in
/// a row it doubles (PyTorch's GradScaler, with its defaults). Part of the loop's state, so every slice of a step
/// uses the same factor on any engine and a checkpoint resumes with it.
/// </summary>
/// <param name="Active">Whether the run scales at all (fp16 only).</param>
/// <param name="Factor">A power of two, so scaling and unscaling are exact.</param>
/// <param name="FiniteSteps">Finite steps since the factor last changed.</param>
public sealed record LossScale(bool Active, float Factor, int FiniteSteps)
{
    public const float InitialFactor = 65536f;
    public const int GrowthInterval = 2000;
    // Below this a gradient that is still not finite is NaN from the model itself, not fp16 overflow.
    const float SmallestFactor = 1f / (1 << 24);
    const float LargestFactor = 1 << 24;

    /// <summary>fp32 and bf16: no scaling, ever.</summary>
    public static readonly LossScale None = new(false, 1f, 0);

    public static readonly LossScale Initial = new(true, InitialFactor, 0);

    /// <summary>
    /// What a run in this precision continues with: its own state if it was scaling already, the initial scale if it
    /// starts scaling (a resume from bf16 into fp16), none if it does not scale.
    /// </summary>
    public static LossScale For(bool scaling, LossScale? stored) =>
        !scaling ? None : stored is { Active: true } s && float.IsFinite(s.Factor) && s.Factor > 0 ? s : Initial;

    /// <summary>The state after a step whose summed gradient was finite or not.</summary>
    public LossScale After(bool finite)
    {
        if (!Active) return this;
        if (!finite) return this with { Factor = Math.Max(Factor / 2, SmallestFactor), FiniteSteps = 0 };
        return FiniteSteps + 1 >= GrowthInterval
            ? this with { Factor = Math.Min(Factor * 2, LargestFactor), FiniteSteps = 0 }
            : this with { FiniteSteps = FiniteSteps + 1 };
    }
}
