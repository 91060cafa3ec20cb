using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>A module's parameters (or their gradients) as one flat array, in <c>parameters()</c> order.</summary>
public static class WeightVector
{
    public static int Length(nn.Module module) => (int)module.parameters().Sum(p => p.numel());

    public static float[] ReadWeights(nn.Module module) => Flatten(module, p => p);

    public static float[] ReadGradients(nn.Module module) => Flatten(module, p => p.grad);

    public static void WriteWeights(nn.Module module, ReadOnlySpan<float> weights)
    {
        CheckLength(module, weights.Length);
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        int offset = 0;
        foreach (var p in module.parameters())
        {
            int n = (int)p.numel();
            p.copy_(torch.tensor(weights.Slice(offset, n).ToArray(), p.shape));
            offset += n;
        }
    }

    /// <summary>
    /// Makes each parameter's gradient exactly the given values. TorchSharp offers no gradient setter, so this
    /// back-propagates Σ sum(p ⊙ g), whose gradient with respect to p is g to the last bit.
    /// </summary>
    public static void SetGradients(nn.Module module, ReadOnlySpan<float> gradients)
    {
        CheckLength(module, gradients.Length);
        using var scope = torch.NewDisposeScope();
        module.zero_grad();
        Tensor? total = null;
        int offset = 0;
        foreach (var p in module.parameters())
        {
            int n = (int)p.numel();
            var term = (p * torch.tensor(gradients.Slice(offset, n).ToArray(), p.shape)).sum();
            total = total is null ? term : total.add(term, HeldScalars.One);
            offset += n;
        }
        total?.backward();
    }

    private static float[] Flatten(nn.Module module, Func<TorchSharp.Modules.Parameter, Tensor?> pick)
    {
        // detach/contiguous/cpu and the gradient getter each make a tensor handle (contiguous copies channels-last
        // weights); callers outside a scope, like the coordinator's weight broadcast, would leak them every step.
        using var scope = torch.NewDisposeScope();
        var result = new float[Length(module)];
        int offset = 0;
        foreach (var p in module.parameters())
        {
            int n = (int)p.numel();
            var t = pick(p);
            if (t is not null) t.detach().to_type(ScalarType.Float32).contiguous().cpu().data<float>().CopyTo(result.AsSpan(offset, n));
            offset += n;
        }
        return result;
    }

    private static void CheckLength(nn.Module module, int length)
    {
        int expected = Length(module);
        if (length != expected) throw new ArgumentException($"expected {expected} values for this module, got {length}");
    }
}
