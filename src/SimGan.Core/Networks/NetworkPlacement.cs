using SimGan.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// Where a network's parameters live and in what number format. Callers move their inputs to <see cref="DeviceOf"/>;
/// the networks themselves cast at their boundary (<see cref="InFormatOf"/>), so images and losses stay fp32 while
/// a bf16 network computes its passes in bf16, the way autocast treats convolutions and losses.
/// </summary>
public static class NetworkPlacement
{
    public static Device DeviceOf(nn.Module network) => First(network).device;

    public static ScalarType FormatOf(nn.Module network) => First(network).dtype;

    /// <summary>Moves a network's parameters to a device and number format (in place; returns the network).</summary>
    public static T Place<T>(T network, Device device, Precision precision) where T : nn.Module
    {
        network.to(device);
        network.to(precision.ScalarType());
        return network;
    }

    /// <summary>
    /// Runs <paramref name="pass"/> on <paramref name="x"/> cast to <paramref name="format"/> and casts its result back
    /// to <paramref name="x"/>'s format. Where the formats agree it runs on <paramref name="x"/> itself, so fp32 networks
    /// compute exactly what they did before precision was a choice.
    /// </summary>
    internal static Tensor InFormat(ScalarType format, Tensor x, Func<Tensor, Tensor> pass)
    {
        if (x.dtype == format) return pass(x);
        using var cast = x.to_type(format);
        using var y = pass(cast);
        return y.to_type(x.dtype);
    }

    static TorchSharp.Modules.Parameter First(nn.Module network) =>
        network.parameters().FirstOrDefault() ?? throw new ArgumentException("the network has no parameters");
}
