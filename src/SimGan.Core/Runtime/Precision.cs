using TorchSharp;

namespace SimGan.Core.Runtime;

/// <summary>
/// The number format the networks compute a step's forward and backward passes in. Master weights, optimizer state,
/// gradients as they leave a slice, losses and checkpoints stay fp32 whatever this is.
/// </summary>
public enum Precision
{
    Fp32,

    /// <summary>bfloat16: fp32's range with 8 bits of mantissa, so no loss scaling is needed.</summary>
    Bf16,

    /// <summary>
    /// IEEE half: 11 bits of mantissa but a range that ends at 65504 and flushes gradients below 6e-8 to zero, so
    /// training scales the losses (<see cref="Training.Loop.LossScale"/>). For GPUs without fast bf16 (before Ampere).
    /// </summary>
    Fp16,
}

public static class PrecisionNames
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";
    public const string Fp16 = "fp16";

    public static string Name(this Precision precision) => precision switch
    {
        Precision.Bf16 => Bf16,
        Precision.Fp16 => Fp16,
        _ => Fp32,
    };

    public static torch.ScalarType ScalarType(this Precision precision) => precision switch
    {
        Precision.Bf16 => torch.ScalarType.BFloat16,
        Precision.Fp16 => torch.ScalarType.Float16,
        _ => torch.ScalarType.Float32,
    };

    /// <summary>The precision a name stands for; one-line <see cref="ArgumentException"/> for anything else.</summary>
    public static Precision Parse(string name) => name switch
    {
        Fp32 => Precision.Fp32,
        Bf16 => Precision.Bf16,
        Fp16 => Precision.Fp16,
        _ => throw new ArgumentException($"--precision must be fp32, bf16 or fp16, not '{name}'"),
    };
}
