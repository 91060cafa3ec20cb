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
}

public static class PrecisionNames
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";

    public static string Name(this Precision precision) => precision == Precision.Bf16 ? Bf16 : Fp32;

    public static torch.ScalarType ScalarType(this Precision precision) =>
        precision == Precision.Bf16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32;

    /// <summary>The precision a name stands for; one-line <see cref="ArgumentException"/> for anything else.</summary>
    public static Precision Parse(string name) => name switch
    {
        Fp32 => Precision.Fp32,
        Bf16 => Precision.Bf16,
        // fp16 needs dynamic loss scaling (its range ends at 65504) and has no fast kernels on the CPUs this runs on.
        "fp16" => throw new ArgumentException("--precision fp16 is not implemented (it needs loss scaling); use bf16, which needs none"),
        _ => throw new ArgumentException($"--precision must be fp32 or bf16, not '{name}'"),
    };
}
