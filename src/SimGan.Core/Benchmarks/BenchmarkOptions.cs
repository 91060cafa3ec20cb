using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Runtime;

namespace SimGan.Core.Benchmarks;

/// <summary>What <see cref="StepBenchmark"/> measures: which batch sizes and layouts, how many timed rounds.</summary>
public sealed record BenchmarkOptions
{
    public string Preset { get; init; } = "gaze";
    /// <summary>The paper's gaze images: 35×55 grayscale.</summary>
    public ImageShape Shape { get; init; } = new(1, 35, 55);
    public IReadOnlyList<int> BatchSizes { get; init; } = [32, 128];
    /// <summary>Both by default, so one run gives the before/after pair under the same machine load.</summary>
    public IReadOnlyList<ConvLayout> Layouts { get; init; } = [ConvLayout.Contiguous, ConvLayout.ChannelsLast];
    /// <summary>Number formats of the passes; fp32 and bf16 together give their ratio under the same load.</summary>
    public IReadOnlyList<Precision> Precisions { get; init; } = [Precision.Fp32];
    /// <summary>Where the networks and the yardstick compute (data is drawn on the host and moved there once).</summary>
    public TorchSharp.torch.Device Device { get; init; } = TorchSharp.torch.CPU;
    /// <summary>Timed rounds; every measurement runs once per round, so load changes hit all of them alike.</summary>
    public int Iterations { get; init; } = 20;
    /// <summary>Untimed rounds first: oneDNN creates and JIT-compiles its kernels on first use of each shape.</summary>
    public int Warmup { get; init; } = 3;
    /// <summary>Intra-op threads; null keeps LibTorch's default (one per core).</summary>
    public int? Threads { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Keep freed native memory in the process (see TorchRuntime.RetainFreedNativeMemory); irreversible.</summary>
    public bool RetainFreedMemory { get; init; } = true;

    public void Validate()
    {
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b < 2 || b % 2 != 0))
            throw new ArgumentException("batch sizes must be even numbers ≥ 2 (the D step takes half refined, half history)");
        if (Layouts.Count == 0) throw new ArgumentException("at least one layout must be measured");
        if (Precisions.Count == 0) throw new ArgumentException("at least one precision must be measured");
        if (Iterations < 1) throw new ArgumentException("--iterations must be at least 1");
        if (Warmup < 0) throw new ArgumentException("--warmup cannot be negative");
        if (Threads is < 1) throw new ArgumentException("--threads must be at least 1");
    }
}
