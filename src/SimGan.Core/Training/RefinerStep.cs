using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <param name="Skipped">The summed gradient was not finite (fp16 overflow), so the optimizer did not step.</param>
public readonly record struct RefinerLosses(double Adversarial, double SelfRegularization, bool Skipped = false);

/// <summary>
/// One whole update of R in one call: the one-slice case of <see cref="RefinerGradient"/> (L_R = CE(D(T(out(R(x)))),
/// real) + λ·‖ψ(R(x)) − ψ(x)‖₁; during pretraining the adversarial term is off). For benchmarks and tests; training
/// runs its slices through the <see cref="Loop.TrainingLoop"/>.
/// </summary>
public static class RefinerStep
{
    /// <param name="step">The run's step number: it keys the augmentation of D's input (see DifferentiableAugmentation).</param>
    /// <param name="networks">Where the passes run (copies on another device or in another precision); the model's own networks when null.</param>
    public static RefinerLosses Run(SimGanModel model, Tensor synthetic, bool adversarial, long step = 0, SliceNetworks? networks = null)
    {
        var o = model.Options;
        networks?.Sync();
        var slice = RefinerGradient.Compute(networks?.Refiner ?? model.Refiner, networks?.Discriminator ?? model.Discriminator, synthetic,
            new RefinerSliceContext(model.Psi, o.Lambda, model.Augmentation, o.Seed, step, 0, (int)synthetic.shape[0], adversarial));
        var losses = RefinerGradient.Apply(model, [slice]);
        networks?.RefinerChanged();
        return losses;
    }
}
