using SimGan.Core.Augmentation;
using SimGan.Core.Losses;
using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

public readonly record struct RefinerLosses(double Adversarial, double SelfRegularization);

/// <summary>
/// One update of R: L_R = CE(D(T(out(R(x)))), real) + λ·‖ψ(R(x)) − ψ(x)‖₁, where out is the refiner's output stage (the
/// identity, or equalisation) and T the run's augmentation (often none). During pretraining the adversarial term is off.
/// D's weights are read, never changed: its parameters stop collecting gradients for the duration.
/// </summary>
public static class RefinerStep
{
    /// <param name="step">The run's step number: it keys the augmentation of D's input (see DifferentiableAugmentation).</param>
    public static RefinerLosses Run(SimGanModel model, Tensor synthetic, bool adversarial, long step = 0)
    {
        using var scope = torch.NewDisposeScope();
        model.RefinerOptimizer.zero_grad();
        var refined = model.Refiner.forward(synthetic);
        var reg = SelfRegularizationLoss.Compute(model.Psi, refined, synthetic);
        double adv = double.NaN;
        Tensor loss;
        if (adversarial)
        {
            SetTrainable(model.Discriminator, false);
            try
            {
                var judged = DifferentiableAugmentation.Apply(model.Refiner.Output(refined), model.Augmentation,
                    new AugmentationKey(model.Options.Seed, step, AugmentedBatch.RefinerStep));
                var realness = LocalAdversarialLoss.Against(model.Discriminator.forward(judged), LocalAdversarialLoss.Real);
                adv = realness.item<float>();
                using var lambda = model.Options.Lambda.ToScalar();
                using var weighted = reg.mul(lambda);
                loss = realness.add(weighted, HeldScalars.One);
                loss.backward();
            }
            finally { SetTrainable(model.Discriminator, true); }
        }
        else
        {
            loss = reg;
            loss.backward();
        }
        model.RefinerOptimizer.step();
        model.Average?.Update(model.Refiner);
        return new RefinerLosses(adv, reg.item<float>());
    }

    static void SetTrainable(nn.Module module, bool trainable)
    {
        foreach (var p in module.parameters()) p.requires_grad = trainable;
    }
}
