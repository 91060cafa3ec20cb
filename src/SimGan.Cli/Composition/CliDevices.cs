using SimGan.Core.Runtime;
using TorchSharp;

namespace SimGan.Cli.Composition;

/// <summary>A --device value as a device this build can reach, or the one-line error of a user input.</summary>
public static class CliDevices
{
    public static torch.Device Resolve(string? name)
    {
        try { return ComputeDevice.Resolve(name); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
    }
}
