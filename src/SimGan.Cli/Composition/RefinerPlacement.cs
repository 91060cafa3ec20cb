using TorchSharp;

namespace SimGan.Cli.Composition;

/// <summary>Where a command's networks should run and in what number format, as its --device and --precision gave them.</summary>
public sealed record RefinerPlacement(string? Device, string Precision)
{
    public torch.Device ResolveDevice() => CliDevices.Resolve(Device);
}
