using SimGan.Core.Augmentation;
using SimGan.Core.Losses;
using SimGan.Core.Networks;
using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>What one slice contributes to a discriminator step: its share of the loss and of the gradient.</summary>
public sealed record SliceGradient(float[] Gradient, double Loss);

/// <summary>
/// How a slice's images are augmented: the run's policy and seed, the step, and each row's index in the whole batch
/// (an image's transform depends on that index alone). The slice's refined rows are numbered from
/// <paramref name="RefinedStart"/>, except its last <paramref name="LaterRows"/>, which are numbered from
/// <paramref name="LaterStart"/> (a slice of D's loop batch holds a run of current rows and a run of history rows).
/// </summary>
public readonly record struct SliceAugmentation(AugmentationPolicy Policy, ulong Seed, long Step, int RefinedStart, int RealStart,
                                                int LaterRows = 0, int LaterStart = 0);

/// <summary>
/// D's step as a sum over slices. Each slice's loss is its patch-mean cross-entropy weighted by its share of the
/// batch, so the slice losses (and gradients) add up to exactly the full batch's L_D. Workers run
/// <see cref="Compute"/>; whoever owns D's optimizer runs <see cref="Apply"/>.
/// </summary>
public static class DiscriminatorGradient
{
    /// <param name="lossScale">fp16's loss scale for this step (<see cref="LossScaling"/>); 1 otherwise.</param>
    public static SliceGradient Compute(Discriminator discriminator, Tensor refined, Tensor real, int refinedTotal, int realTotal,
                                        SliceAugmentation? augmentation = null, float lossScale = 1f)
    {
        using var scope = torch.NewDisposeScope();
        var loss = Backward(discriminator, refined, real, refinedTotal, realTotal, augmentation, lossScale);
        var gradient = LossScaling.Unscale(WeightVector.ReadGradients(discriminator), lossScale);
        return new SliceGradient(gradient, loss.item<float>());
    }

    /// <summary>
    /// The slice's forward and backward passes on D's device, leaving the slice's gradient in D's parameters and
    /// reading nothing back; returns the slice's weighted loss (unscaled). Call it inside a dispose scope.
    /// </summary>
    public static Tensor Backward(Discriminator discriminator, Tensor refined, Tensor real, int refinedTotal, int realTotal,
                                  SliceAugmentation? augmentation = null, float lossScale = 1f)
    {
        discriminator.zero_grad();
        long n = refined.shape[0], m = real.shape[0];
        var device = NetworkPlacement.DeviceOf(discriminator);
        refined = refined.to(device);
        real = real.to(device);
        if (augmentation is { } a)
        {
            var key = new AugmentationKey(a.Seed, a.Step, AugmentedBatch.DiscriminatorRefined, a.RefinedStart);
            refined = a.LaterRows == 0 ? DifferentiableAugmentation.Apply(refined, a.Policy, key)
                : a.LaterRows == n ? DifferentiableAugmentation.Apply(refined, a.Policy, key.At(a.LaterStart))
                : torch.cat(new[]
                {
                    DifferentiableAugmentation.Apply(refined.narrow(0, 0, n - a.LaterRows), a.Policy, key),
                    DifferentiableAugmentation.Apply(refined.narrow(0, n - a.LaterRows, a.LaterRows), a.Policy, key.At(a.LaterStart)),
                }, 0);
            real = DifferentiableAugmentation.Apply(real, a.Policy, new(a.Seed, a.Step, AugmentedBatch.DiscriminatorReal, a.RealStart));
        }
        var logits = discriminator.forward(torch.cat(new[] { refined, real }, 0));
        using var refinedShare = ((double)n / refinedTotal).ToScalar();
        using var realShare = ((double)m / realTotal).ToScalar();
        var loss = LocalAdversarialLoss.Against(logits.narrow(0, 0, n), LocalAdversarialLoss.Refined).mul(refinedShare)
            .add(LocalAdversarialLoss.Against(logits.narrow(0, n, m), LocalAdversarialLoss.Real).mul(realShare), HeldScalars.One);
        if (lossScale == 1f) loss.backward();
        else
        {
            using var scale = lossScale.ToScalar();
            loss.mul(scale).backward();
        }
        return loss;
    }

    /// <summary>
    /// Adds the slice gradients in slice order and takes one optimizer step with their sum; in fp16 a sum that is not
    /// finite is skipped instead. Returns D's loss and whether the step was skipped.
    /// </summary>
    public static (double Loss, bool Skipped) Apply(SimGanModel model, IReadOnlyList<SliceGradient> slices)
    {
        if (slices.Count == 0) throw new ArgumentException("a discriminator step needs at least one slice");
        // zero_grad and the optimizer step make tensor handles of their own; the coordinator calls this outside any
        // other scope, where they would outlive the step.
        using var scope = torch.NewDisposeScope();
        var sum = (float[])slices[0].Gradient.Clone();
        double loss = slices[0].Loss;
        for (int k = 1; k < slices.Count; k++)
        {
            var g = slices[k].Gradient;
            if (g.Length != sum.Length) throw new ArgumentException("slice gradients differ in length: they came from different discriminators");
            for (int i = 0; i < sum.Length; i++) sum[i] += g[i];
            loss += slices[k].Loss;
        }
        if (LossScaling.MustSkip(model, sum)) return (loss, true);
        model.DiscriminatorOptimizer.zero_grad();
        WeightVector.SetGradients(model.Discriminator, sum);
        model.DiscriminatorOptimizer.step();
        return (loss, false);
    }
}
