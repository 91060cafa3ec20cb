using System.Runtime.InteropServices;
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

    /// <summary>
    /// Makes glibc keep freed native memory for reuse instead of handing it back to the kernel. Every activation of
    /// a training step is a fresh multi-megabyte tensor; by default glibc serves those with mmap and returns them
    /// with munmap, so each step page-faults its whole working set in again (about 436 000 minor faults per R step
    /// at batch 128 here, see docs/benchmarks.md). Process-wide and irreversible in effect: the heap stays at its
    /// peak size, which for a trainer is the size it needs anyway. Returns false where it does not apply (not
    /// Linux/glibc).
    /// </summary>
    public static bool RetainFreedNativeMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // M_MMAP_MAX = 0: serve large blocks from the heap (glibc still falls back to mmap if a heap cannot grow);
            // M_TRIM_THRESHOLD = max: never shrink the heap top.
            // M_ARENA_MAX = cores: every kept heap is an arena, and actors run tensor code on whichever pool thread is
            // free; with glibc's default of 8 arenas per core each thread's arena kept its own peak, and a cluster
            // run's memory climbed for thousands of steps (docs/benchmarks.md). A few shared arenas stay at one peak.
            return Mallopt(MmapMax, 0) == 1 && Mallopt(TrimThreshold, int.MaxValue) == 1
                && Mallopt(ArenaMax, Math.Max(2, Environment.ProcessorCount)) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    const int TrimThreshold = -1, MmapMax = -4, ArenaMax = -8;

    // DllImport rather than LibraryImport: two int arguments need no marshalling, and Core does not allow unsafe code.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);
}
