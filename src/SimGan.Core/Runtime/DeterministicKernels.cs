namespace SimGan.Core.Runtime;

/// <summary>
/// <c>--deterministic</c>: LibTorch's deterministic algorithms (cuDNN's deterministic convolutions among them), so
/// that the same run gives the same bits on a GPU as the CPU build already does. Costs speed on a GPU (cuDNN's fastest
/// convolution algorithms are nondeterministic); on the CPU the kernels used here are deterministic anyway.
/// </summary>
public static class DeterministicKernels
{
    /// <summary>What cuBLAS needs for reproducible results (NVIDIA's documented setting), unless the user set one.</summary>
    public const string CublasWorkspaceConfig = ":4096:8";

    /// <summary>Turns them on for this process; call before the first CUDA work.</summary>
    public static void Enable()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG")))
            Environment.SetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG", CublasWorkspaceConfig);
        TorchRuntime.EnsureLoaded();
        TorchRuntime.UseDeterministicAlgorithms();
    }

    public static bool Enabled => TorchRuntime.DeterministicAlgorithms();
}
