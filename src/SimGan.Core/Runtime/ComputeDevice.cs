using TorchSharp;

namespace SimGan.Core.Runtime;

/// <summary>
/// Where a process computes its networks' passes: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, chosen with
/// <c>--device</c> (<c>auto</c>: the first GPU when this LibTorch has CUDA, else the CPU).
/// </summary>
public static class ComputeDevice
{
    public const string Auto = "auto";

    /// <summary>What <c>--device</c> accepts, for help texts.</summary>
    public const string Help = "Where the networks compute: auto (CUDA when this build's LibTorch has it, else cpu), cpu, cuda or cuda:N";

    /// <summary>
    /// The device a <c>--device</c> value names, checked against what this LibTorch can reach; one-line
    /// <see cref="ArgumentException"/> otherwise, so a GPU node without a GPU build fails at start, not mid-run.
    /// </summary>
    public static torch.Device Resolve(string? name)
    {
        TorchRuntime.EnsureLoaded();
        string value = string.IsNullOrWhiteSpace(name) ? Auto : name.Trim().ToLowerInvariant();
        if (value == Auto) return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (value == "cpu") return torch.CPU;
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (value.Length > 4 && (!int.TryParse(value[5..], out index) || index < 0))
                throw new ArgumentException($"--device '{name}': the GPU index must be a whole number ≥ 0, e.g. cuda:0");
            if (!torch.cuda.is_available())
                throw new ArgumentException($"--device {value}: this build's LibTorch has no CUDA or sees no GPU " +
                                            "(build with -p:TorchBackend=cuda on a machine with an NVIDIA driver; docs/gpu.md)");
            int count = torch.cuda.device_count();
            if (index >= count) throw new ArgumentException($"--device {value}: this machine has {count} GPU(s), numbered from 0");
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"--device must be auto, cpu, cuda or cuda:N, not '{name}'");
    }

    /// <summary>The name <c>--device</c> would take for a device, e.g. cpu or cuda:1.</summary>
    public static string Name(torch.Device device) =>
        device.type == DeviceType.CPU ? "cpu" : $"{device.type.ToString().ToLowerInvariant()}:{Math.Max(device.index, 0)}";
}
