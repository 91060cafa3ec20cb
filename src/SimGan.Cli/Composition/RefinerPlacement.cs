using SimGan.Core.Runtime;
using TorchSharp;

namespace SimGan.Cli.Composition;

/// <summary>Where a command's networks should run and in what number format, as its --device and --precision gave them.</summary>
public sealed record RefinerPlacement(string? Device, string Precision)
{
    public torch.Device ResolveDevice()
    {
        try { return ComputeDevice.Resolve(Device); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
    }
}
