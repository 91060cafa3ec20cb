using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Losses;

/// <summary>
/// Cross-entropy over every cell of the discriminator's N×2×h×w logit map, averaged over cells and images, so the
/// loss does not grow with the image size and λ keeps its meaning across presets.
/// </summary>
public static class LocalAdversarialLoss
{
    public const long Real = 0;
    public const long Refined = 1;

    /// <summary>Mean CE of every patch against one class (<see cref="Real"/> or <see cref="Refined"/>).</summary>
    public static Tensor Against(Tensor logits, long label)
    {
        if (logits.dim() != 4 || logits.shape[1] != 2)
            throw new ArgumentException($"expected N×2×h×w logits, got [{string.Join(",", logits.shape)}]");
        using var value = label.ToScalar();
        using var target = torch.full(new[] { logits.shape[0], logits.shape[2], logits.shape[3] }, value, dtype: ScalarType.Int64, device: logits.device);
        return nn.functional.cross_entropy(logits, target);
    }

    /// <summary>Fraction of patches the discriminator classifies as real: a readable companion to the loss.</summary>
    public static double FractionJudgedReal(Tensor logits)
    {
        using var _ = torch.NewDisposeScope();
        using var real = Real.ToScalar();
        return logits.argmax(1).eq(real).to_type(ScalarType.Float32).mean().item<float>();
    }
}
