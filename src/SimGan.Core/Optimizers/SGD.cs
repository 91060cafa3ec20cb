using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Optimizers;

/// <summary>
/// TorchSharp's plain SGD (no momentum, dampening or weight decay) with its learning-rate Scalar held until the native
/// call returns; see <see cref="Adam"/> for why, and for why it keeps TorchSharp's class name.
/// </summary>
public sealed class SGD : TorchSharp.Modules.SGD
{
    public SGD(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr) : base(parameters, lr)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        if (options.momentum != 0 || options.weight_decay != 0 || options.nesterov == true || options.maximize == true)
            throw new NotSupportedException("SimGan.Core.Optimizers.SGD implements plain SGD: no momentum, weight decay, nesterov or maximize");
        using var alpha = (-options.LearningRate!.Value).ToScalar();
        foreach (var parameter in group.Parameters)
        {
            using var grad = parameter.grad;
            if (grad is not null) parameter.add_(grad, alpha);
        }
    }, closure);
}
