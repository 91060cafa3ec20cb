using SimGan.Core.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>
/// One update of D in one process: L_D = CE(D(refined), refined) + CE(D(real), real), each a mean over patches,
/// computed as the sum of <paramref name="slices"/> slice gradients exactly as the cluster's workers compute them.
/// </summary>
public static class DiscriminatorStep
{
    /// <param name="step">The run's step number: it keys the augmentation of D's inputs.</param>
    /// <param name="networks">Where the passes run (copies on another device or in another precision); the model's own networks when null.</param>
    public static double Run(SimGanModel model, Tensor refined, Tensor real, int slices = 1, long step = 0, SliceNetworks? networks = null)
    {
        using var scope = torch.NewDisposeScope();
        networks?.Sync();
        var discriminator = networks?.Discriminator ?? model.Discriminator;
        int refinedCount = (int)refined.shape[0], realCount = (int)real.shape[0];
        var gradients = DiscriminatorSlices.Split(refinedCount, realCount, slices)
            .Select(s => DiscriminatorGradient.Compute(discriminator,
                refined.narrow(0, s.RefinedStart, s.RefinedCount).contiguous(),
                real.narrow(0, s.RealStart, s.RealCount).contiguous(), refinedCount, realCount,
                new SliceAugmentation(model.Augmentation, model.Options.Seed, step, s.RefinedStart, s.RealStart)))
            .ToList();
        double loss = DiscriminatorGradient.Apply(model, gradients).Loss;
        networks?.DiscriminatorChanged();
        return loss;
    }
}
