using System.Runtime.InteropServices;
using TorchSharp;

namespace SimGan.Core.Runtime;

/// <summary>One place that loads LibTorch and reports what it runs on.</summary>
public static class TorchRuntime
{
    static readonly object ConfigureLock = new();
    static bool _configured;

    /// <summary>
    /// Loads the native backend once and makes the process-wide kernel choices every network here relies on,
    /// throwing a one-line error if it cannot. Each network's constructor calls it, so library code needs no setup.
    /// </summary>
    /// <remarks>
    /// NNPACK goes off. Its bundled CPU detection does not know every CPU (this project's AMD EPYC Zen 5 guest is
    /// "unsupported hardware"), and LibTorch 2.10 then logs a warning for every convolution that asks whether NNPACK
    /// could run it: 15,676 lines on stderr in one demo. Off, those convolutions take LibTorch's own kernels, the
    /// same ones they fall back to where NNPACK is unsupported, so every machine also chooses the same kernels.
    /// </remarks>
    public static void EnsureLoaded()
    {
        lock (ConfigureLock)
        {
            if (_configured) return;
            SetContextFlag("_ZN2at7Context20setUserEnabledNNPACKEb", "setUserEnabledNNPACK", false);
            _configured = true;
        }
    }

    /// <summary>Loads LibTorch (TorchSharp does it only once), throwing a one-line error if it cannot.</summary>
    static void LoadNative()
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

    /// <summary>Whether LibTorch may try NNPACK's convolutions (false once <see cref="EnsureLoaded"/> ran).</summary>
    public static bool NnpackEnabled() => GetContextFlag("_ZNK2at7Context17userEnabledNNPACKEv", "userEnabledNNPACK");

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

    /// <summary>The environment variable that keeps oneDNN on everywhere (value 1), for comparing speed or where it is known to be sound.</summary>
    public const string KeepOneDnnVariable = "SIMGAN_ONEDNN";

    /// <summary>
    /// Turns LibTorch's oneDNN (MKL-DNN) CPU kernels off until the result is disposed, which restores the previous
    /// setting. The setting is process-wide: use it around work that owns the process's LibTorch for its duration.
    /// </summary>
    /// <remarks>
    /// On an AVX-512 CPU (this project's 2-core AMD EPYC guest since December 2026) the evaluation's gaze estimator
    /// went NaN at random under oneDNN: the same network on the same batch returned finite outputs, then NaN for
    /// whole batches a moment later, and about one training in two died within 200 steps. Single convolutions and
    /// poolings of its shapes did not reproduce it alone. With oneDNN off the same probes were finite and identical
    /// run after run (docs/torchsharp-on-debian.md#avx-512). It costs speed (about 2.4× for that estimator), so the
    /// refiner's training, where no NaN was seen and oneDNN is 2.5× faster, keeps it.
    /// TorchSharp has no switch for it, so this calls LibTorch's own at::globalContext().setUserEnabledMkldnn.
    /// SIMGAN_ONEDNN=1 in the environment makes this do nothing.
    /// </remarks>
    public static IDisposable WithoutOneDnn()
    {
        if (Environment.GetEnvironmentVariable(KeepOneDnnVariable) == "1") return new OneDnnRestorer(null);
        bool previous = OneDnnEnabled();
        SetOneDnn(false);
        return new OneDnnRestorer(previous);
    }

    sealed class OneDnnRestorer(bool? previous) : IDisposable
    {
        bool? _previous = previous;

        public void Dispose()
        {
            if (_previous is bool value) SetOneDnn(value);
            _previous = null;
        }
    }

    static void SetOneDnn(bool enabled) =>
        SetContextFlag("_ZN2at7Context20setUserEnabledMkldnnEb", "setUserEnabledMkldnn", enabled);

    /// <summary>Whether LibTorch will use oneDNN kernels where it can (see <see cref="WithoutOneDnn"/>).</summary>
    public static bool OneDnnEnabled() => GetContextFlag("_ZNK2at7Context17userEnabledMkldnnEv", "userEnabledMkldnn");

    // TorchSharp has no switches for these, so they call LibTorch's own at::Context setters and getters.
    /// <summary>
    /// at::Context's deterministic switches (TorchSharp 0.107 declares use_deterministic_algorithms but marks it "not
    /// implemented"): deterministic algorithms, erroring on an operator that has none, and cuDNN's deterministic
    /// convolutions.
    /// </summary>
    internal static void UseDeterministicAlgorithms()
    {
        var (context, library) = GlobalContext();
        if (!NativeLibrary.TryGetExport(library, "_ZN2at7Context26setDeterministicAlgorithmsEbb", out var setter))
            throw new InvalidOperationException("LibTorch does not export at::Context::setDeterministicAlgorithms");
        Marshal.GetDelegateForFunctionPointer<SetTwoFlagsFunction>(setter)(context, true, false);
        SetContextFlag("_ZN2at7Context21setDeterministicCuDNNEb", "setDeterministicCuDNN", true);
    }

    internal static bool DeterministicAlgorithms() =>
        GetContextFlag("_ZNK2at7Context23deterministicAlgorithmsEv", "deterministicAlgorithms")
        && GetContextFlag("_ZNK2at7Context18deterministicCuDNNEv", "deterministicCuDNN");

    static void SetContextFlag(string export, string name, bool value)
    {
        var (context, library) = GlobalContext();
        if (!NativeLibrary.TryGetExport(library, export, out var setter))
            throw new InvalidOperationException($"LibTorch does not export at::Context::{name}");
        Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setter)(context, value);
    }

    static bool GetContextFlag(string export, string name)
    {
        var (context, library) = GlobalContext();
        if (!NativeLibrary.TryGetExport(library, export, out var getter))
            throw new InvalidOperationException($"LibTorch does not export at::Context::{name}");
        return Marshal.GetDelegateForFunctionPointer<GetFlagFunction>(getter)(context);
    }

    /// <summary>LibTorch's at::globalContext() and the library that holds it (already loaded by TorchSharp).</summary>
    static (IntPtr Context, IntPtr Library) GlobalContext()
    {
        LoadNative();
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext))
            throw new InvalidOperationException("LibTorch's libtorch_cpu.so does not export at::globalContext()");
        return (Marshal.GetDelegateForFunctionPointer<GlobalContextFunction>(globalContext)(), library);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate IntPtr GlobalContextFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetFlagFunction(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetTwoFlagsFunction(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool first, [MarshalAs(UnmanagedType.U1)] bool second);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    delegate bool GetFlagFunction(IntPtr context);

    const int TrimThreshold = -1, MmapMax = -4, ArenaMax = -8;

    // DllImport rather than LibraryImport: two int arguments need no marshalling, and Core does not allow unsafe code.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);
}
