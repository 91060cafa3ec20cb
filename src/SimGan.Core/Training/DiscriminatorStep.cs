using SimGan.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>One update of D: L_D = CE(D(refined), refined) + CE(D(real), real), each a mean over patches.</summary>
public static class DiscriminatorStep
{
    public static double Run(SimGanModel model, Tensor refined, Tensor real)
    {
        using var scope = torch.NewDisposeScope();
        model.DiscriminatorOptimizer.zero_grad();
        // One forward over both sets is cheaper than two, and gives the same gradients.
        var logits = model.Discriminator.forward(torch.cat(new[] { refined, real }, 0));
        long n = refined.shape[0];
        var loss = LocalAdversarialLoss.Against(logits.narrow(0, 0, n), LocalAdversarialLoss.Refined)
                 + LocalAdversarialLoss.Against(logits.narrow(0, n, real.shape[0]), LocalAdversarialLoss.Real);
        loss.backward();
        model.DiscriminatorOptimizer.step();
        return loss.item<float>();
    }
}
