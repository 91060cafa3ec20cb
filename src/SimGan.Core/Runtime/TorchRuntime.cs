using TorchSharp;

namespace SimGan.Core.Runtime;

/// <summary>One place that loads LibTorch and reports what it runs on.</summary>
public static class TorchRuntime
{
    /// <summary>Loads the native backend, throwing a one-line error if it cannot.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception ex)
        {
            string first = (ex.InnerException ?? ex).Message.Split('\n')[0];
            throw new InvalidOperationException($"LibTorch could not be loaded: {first} (see docs/torchsharp-on-debian.md)", ex);
        }
    }

    public static string Describe() =>
        $"LibTorch {torch.__version__}, {torch.get_num_threads()} threads";
}
