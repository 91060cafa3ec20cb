using static TorchSharp.torch;

namespace SimGan.Evaluation.Tensors;

/// <summary>One training step of an evaluation network (gaze estimator, pose estimator, realism judge): refuse a loss
/// that is not finite (<see cref="FiniteLoss"/>), then descend and report progress.</summary>
public static class CheckedStep
{
    public static void Take(optim.Optimizer optimizer, Tensor loss, string network, int step, int steps, Action<double>? progress)
    {
        FiniteLoss.Require(loss, network, step, steps);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        progress?.Invoke((step + 1) / (double)steps);
    }
}
