using static TorchSharp.torch;

namespace SimGan.Evaluation.Tensors;

/// <summary>
/// Stops an evaluation network's training at the first loss that is not a number. Its weights are then NaN, and every
/// figure measured with it (an angular error, a judge's accuracy) would be meaningless but still printed.
/// </summary>
public static class FiniteLoss
{
    /// <summary>The loss's value; an <see cref="ArithmeticException"/> naming the network and step if it is NaN or infinite.</summary>
    public static float Require(Tensor loss, string network, int step, int steps)
    {
        float value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new ArithmeticException(
                $"the {network}'s training loss became {value} at step {step + 1} of {steps}; its figures would be meaningless " +
                "(see docs/torchsharp-on-debian.md#avx-512)");
        return value;
    }
}
