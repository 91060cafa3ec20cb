using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Optimizers;

/// <summary>
/// TorchSharp's Adam with a step whose coefficients cannot be freed under LibTorch's feet: the same update, in the
/// same order, so the same weights bit for bit, but every Scalar handed to a native call is held until it returns.
/// It keeps the name Adam because save_state_dict writes the class's short name and load_state_dict refuses any
/// other: under another name no checkpoint written so far could be resumed, nor this one's by an older build.
/// </summary>
/// <remarks>
/// TorchSharp's own step passes each coefficient (1 − β₁, the step size, …) as a temporary Scalar that only a finalizer
/// frees and that nothing references once its handle is read. A garbage collection during the native call can then
/// free the value LibTorch is about to read; the step fails with "Expected false to be true" from Scalar::toFloat. A
/// demo run on a busy machine died that way, and a loop of steps beside a thread that allocates fails within a few
/// hundred steps (SafeOptimizerTests). State, parameter groups and save/load_state_dict are the base class's,
/// so checkpoints are unchanged.
/// </remarks>
public sealed class Adam : TorchSharp.Modules.Adam
{
    public Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr) : base(parameters, lr)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value, lr = options.LearningRate!.Value;
        if (options.weight_decay != 0 || options.amsgrad == true || options.maximize == true)
            throw new NotSupportedException("SimGan.Core.Optimizers.Adam implements plain Adam: no weight decay, amsgrad or maximize");
        using var keepAverage = beta1.ToScalar();
        using var addAverage = (1 - beta1).ToScalar();
        using var keepSquares = beta2.ToScalar();
        using var addSquares = (1 - beta2).ToScalar();
        using var epsilon = eps.ToScalar();
        foreach (var parameter in group.Parameters)
        {
            using var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(keepAverage).add_(grad, addAverage);
            state.exp_avg_sq.mul_(keepSquares).addcmul_(grad, grad, addSquares);
            using var rootCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var denominator = state.exp_avg_sq.sqrt();
            denominator.div_(rootCorrection2).add_(epsilon, HeldScalars.One);
            using var stepSize = (-(lr / biasCorrection1)).ToScalar();
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }, closure);
}
