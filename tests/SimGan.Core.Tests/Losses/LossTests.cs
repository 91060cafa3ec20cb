using SimGan.Core.Losses;
using TorchSharp;

namespace SimGan.Core.Tests.Losses;

public class LossTests
{
    [Fact]
    public void Local_adversarial_loss_is_the_mean_cross_entropy_over_patches()
    {
        // Two patches of one image: logits (real, refined) = (0, 0) and (ln 3, 0).
        using var logits = torch.tensor(new float[] { 0f, (float)Math.Log(3), 0f, 0f }, new long[] { 1, 2, 1, 2 });
        using var asReal = LocalAdversarialLoss.Against(logits, LocalAdversarialLoss.Real);
        using var asRefined = LocalAdversarialLoss.Against(logits, LocalAdversarialLoss.Refined);
        // Patch 1: p(real)=1/2. Patch 2: p(real)=3/4.
        double expectedReal = (-Math.Log(0.5) - Math.Log(0.75)) / 2;
        double expectedRefined = (-Math.Log(0.5) - Math.Log(0.25)) / 2;
        Assert.Equal(expectedReal, asReal.item<float>(), 1e-5);
        Assert.Equal(expectedRefined, asRefined.item<float>(), 1e-5);
        using var split = torch.tensor(new float[] { 2f, 0f, 0f, 2f }, new long[] { 1, 2, 1, 2 });
        Assert.Equal(0.5, LocalAdversarialLoss.FractionJudgedReal(split), 1e-5);
    }

    [Fact]
    public void Adversarial_loss_refuses_a_map_without_two_classes()
    {
        using var logits = torch.zeros(1, 3, 2, 2);
        Assert.Throws<ArgumentException>(() => LocalAdversarialLoss.Against(logits, 0));
    }

    [Fact]
    public void Self_regularisation_is_the_mean_absolute_difference()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        using var b = torch.tensor(new float[] { 1, 0, 3, 8 }, new long[] { 1, 1, 2, 2 });
        using var loss = SelfRegularizationLoss.Compute(new IdentityFeatures(), a, b);
        Assert.Equal((0 + 2 + 0 + 4) / 4.0, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void Channel_mean_ignores_colour_changes_that_keep_brightness()
    {
        using var a = torch.tensor(new float[] { 1, 0, 0, 1 }, new long[] { 1, 2, 1, 2 });
        using var b = torch.tensor(new float[] { 0, 1, 1, 0 }, new long[] { 1, 2, 1, 2 });
        using var loss = SelfRegularizationLoss.Compute(new ChannelMeanFeatures(), a, b);
        Assert.Equal(0.0, loss.item<float>(), 1e-6);
        Assert.Throws<ArgumentException>(() => FeatureTransforms.ByName("vgg"));
    }
}
