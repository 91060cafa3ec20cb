using System.Runtime.CompilerServices;
using TorchSharp;

// TorchSharp's random seed is process-wide: tests that train networks in parallel would draw from one another's
// stream and lose determinism. With two cores there is little to gain from parallel tests anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SimGan.Evaluation.Tests;

static class AssemblySettings
{
    /// <summary>
    /// One LibTorch thread. The suite's test projects run side by side on two cores, and OpenMP's worker threads
    /// wait for each other at every layer: measured here under that load, a 1→8 3×3 convolution (fwd+bwd, batch 64)
    /// took 139 ms with two threads and 12 ms with one.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneTorchThread() => torch.set_num_threads(1);
}
