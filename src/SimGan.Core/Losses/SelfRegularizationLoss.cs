using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Losses;

/// <summary>Mean absolute difference of ψ(R(x)) and ψ(x), averaged over pixels and images.</summary>
public static class SelfRegularizationLoss
{
    public static Tensor Compute(IFeatureTransform psi, Tensor refined, Tensor synthetic)
    {
        using var a = psi.Apply(refined);
        using var b = psi.Apply(synthetic);
        return nn.functional.l1_loss(a, b);
    }
}
