using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// Gives networks their initial weights from a generator of their own: LibTorch's default distributions for
/// convolutions and linear layers (weight and bias uniform in ±1/√fan_in), drawn in construction order.
/// </summary>
/// <remarks>
/// Seeding torch's process-wide generator and then building modules is a race: any thread that draws from that
/// generator in between (another model being built, a data pipeline, a test making random inputs) changes the
/// weights, and "same seed, same weights" quietly fails. With a private generator the weights are the ones
/// <c>torch.manual_seed(seed)</c> followed by the same constructors gives in a quiet process, bit for bit, whatever
/// else the process is doing.
/// </remarks>
public static class SeededInitialization
{
    public static void Apply(long seed, params nn.Module[] networks)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var network in networks) Reset(network, generator);
    }

    static void Reset(nn.Module module, Generator generator)
    {
        switch (module)
        {
            case Conv2d conv:
                Draw(conv.weight!, conv.bias, generator);
                return;
            case Linear linear:
                Draw(linear.weight, linear.bias, generator);
                return;
        }
        if (module.named_parameters(recurse: false).Any())
            throw new NotSupportedException($"{module.GetType().Name} has parameters of its own that {nameof(SeededInitialization)} does not know how to draw");
        // Children come in registration order, which is the order their constructors drew in.
        foreach (var (_, child) in module.named_children()) Reset(child, generator);
    }

    static void Draw(Tensor weight, Tensor? bias, Generator generator)
    {
        long fanIn = weight.shape.Skip(1).Aggregate(1L, (product, side) => product * side);
        // kaiming_uniform_ with a = √5, computed as LibTorch computes it so that the bound rounds the same way.
        double a = Math.Sqrt(5), gain = Math.Sqrt(2.0 / (1 + Math.Pow(a, 2)));
        double weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        weight.uniform_(-weightBound, weightBound, generator);
        // Not nn.init.uniform_: in TorchSharp 0.107 it draws from the global generator whatever generator it is given.
        if (bias is not null) bias.uniform_(-1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), generator);
    }
}
