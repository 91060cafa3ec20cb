using SimGan.Core.Augmentation;
using SimGan.Core.Losses;
using SimGan.Core.Networks;
using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>What one slice contributes to a refiner step: its share of the gradient and of both loss terms.</summary>
public sealed record RefinerSliceGradient(float[] Gradient, double Adversarial, double SelfRegularization);

/// <summary>
/// What a refiner slice needs besides the networks: the run's ψ, λ and augmentation, where its rows sit, and the loss
/// scale of its step (<see cref="LossScaling"/>; 1 unless in fp16).
/// </summary>
public readonly record struct RefinerSliceContext(IFeatureTransform Psi, double Lambda, AugmentationPolicy Augmentation, ulong Seed,
                                                  long Step, int FirstRow, int BatchRows, bool Adversarial, float LossScale = 1f);

/// <summary>
/// R's step as a sum over slices: L_R = CE(D(T(out(R(x)))), real) + λ·‖ψ(R(x)) − ψ(x)‖₁, each term a mean, so a slice's
/// loss is its own mean weighted by its share of the batch and the slices add up to the batch's L_R. Whoever holds R
/// and D computes slices (<see cref="Compute"/>); whoever owns R's optimizer applies their sum (<see cref="Apply"/>).
/// With one slice this is exactly <see cref="RefinerStep"/>'s arithmetic.
/// </summary>
public static class RefinerGradient
{
    public static RefinerSliceGradient Compute(Refiner refiner, Discriminator discriminator, Tensor synthetic, RefinerSliceContext c)
    {
        using var scope = torch.NewDisposeScope();
        var (realness, reg) = Backward(refiner, discriminator, synthetic, c);
        double share = (double)synthetic.shape[0] / c.BatchRows;
        return new RefinerSliceGradient(LossScaling.Unscale(WeightVector.ReadGradients(refiner), c.LossScale),
            realness is null ? double.NaN : realness.item<float>() * share, reg.item<float>() * share);
    }

    /// <summary>
    /// The slice's forward and backward passes on R's device, leaving the slice's gradient in R's parameters and
    /// reading nothing back: the adversarial mean (null before the adversarial phase) and the self-regularisation mean,
    /// both unweighted. Call it inside a dispose scope.
    /// </summary>
    public static (Tensor? Realness, Tensor Reg) Backward(Refiner refiner, Discriminator discriminator, Tensor synthetic, RefinerSliceContext c)
    {
        refiner.zero_grad();
        long n = synthetic.shape[0];
        // The loss scale joins the slice's share: one multiplication, exact at 1 (fp32, bf16) and a power of two.
        using var share = ((double)n / c.BatchRows * c.LossScale).ToScalar();
        synthetic = synthetic.to(NetworkPlacement.DeviceOf(refiner));
        var refined = refiner.forward(synthetic);
        var reg = SelfRegularizationLoss.Compute(c.Psi, refined, synthetic);
        if (!c.Adversarial)
        {
            reg.mul(share).backward();
            return (null, reg);
        }
        foreach (var p in discriminator.parameters()) p.requires_grad = false;
        try
        {
            var judged = DifferentiableAugmentation.Apply(refiner.Output(refined), c.Augmentation,
                new AugmentationKey(c.Seed, c.Step, AugmentedBatch.RefinerStep, c.FirstRow));
            var realness = LocalAdversarialLoss.Against(discriminator.forward(judged), LocalAdversarialLoss.Real);
            using var lambda = c.Lambda.ToScalar();
            realness.add(reg.mul(lambda), HeldScalars.One).mul(share).backward();
            return (realness, reg);
        }
        finally { foreach (var p in discriminator.parameters()) p.requires_grad = true; }
    }

    /// <summary>
    /// Adds the slice gradients in slice order, takes one optimizer step with their sum, then moves R's average; in
    /// fp16 a sum that is not finite is skipped instead (<see cref="RefinerLosses.Skipped"/>).
    /// </summary>
    public static RefinerLosses Apply(SimGanModel model, IReadOnlyList<RefinerSliceGradient> slices)
    {
        if (slices.Count == 0) throw new ArgumentException("a refiner step needs at least one slice");
        using var scope = torch.NewDisposeScope();
        var sum = (float[])slices[0].Gradient.Clone();
        double adversarial = slices[0].Adversarial, reg = slices[0].SelfRegularization;
        for (int k = 1; k < slices.Count; k++)
        {
            var g = slices[k].Gradient;
            if (g.Length != sum.Length) throw new ArgumentException("slice gradients differ in length: they came from different refiners");
            for (int i = 0; i < sum.Length; i++) sum[i] += g[i];
            adversarial += slices[k].Adversarial;
            reg += slices[k].SelfRegularization;
        }
        if (LossScaling.MustSkip(model, sum)) return new RefinerLosses(adversarial, reg, Skipped: true);
        model.RefinerOptimizer.zero_grad();
        WeightVector.SetGradients(model.Refiner, sum);
        model.RefinerOptimizer.step();
        model.Average?.Update(model.Refiner);
        return new RefinerLosses(adversarial, reg);
    }
}
