using System.Diagnostics;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Runtime;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Benchmarks;

/// <summary>
/// Times the training steps against a bare convolution measured in the same rounds. Every round runs each
/// measurement once, in a fixed order, so that a burst of load from other processes lands on all of them and the
/// per-round ratios stay meaningful on a shared machine.
/// </summary>
public static class StepBenchmark
{
    const int YardstickWidth = 64, YardstickKernel = 3;

    public static BenchmarkReport Run(BenchmarkOptions options, Action<string>? progress = null)
    {
        options.Validate();
        if (options.Threads is { } threads) torch.set_num_threads(threads);
        double load = LoadAverage();
        bool retains = options.RetainFreedMemory && Runtime.TorchRuntime.RetainFreedNativeMemory();
        var started = DateTimeOffset.UtcNow;
        var batches = new List<BatchResult>();
        foreach (int b in options.BatchSizes)
        {
            progress?.Invoke($"batch {b}: {options.Warmup} warm-up + {options.Iterations} timed rounds");
            batches.Add(RunBatch(options, b, progress));
        }
        return new BenchmarkReport(started, Machine(retains, load, options.Device), options.Preset, options.Shape.ToString(), options.Iterations,
                                   options.Warmup, batches);
    }

    static BatchResult RunBatch(BenchmarkOptions options, int b, Action<string>? progress)
    {
        var shape = options.Shape;
        var training = new TrainingOptions { Preset = options.Preset, BatchSize = b, Seed = options.Seed };
        using var model = SimGanModel.Create(training, shape);
        var rConvs = FlopCount.Refiner(model.Refiner.Spec, shape);
        var dConvs = FlopCount.Discriminator(model.Discriminator.Spec, shape);
        double rStepFlops = FlopCount.RefinerStep(rConvs, dConvs, b);
        double dStepFlops = FlopCount.DiscriminatorStep(rConvs, dConvs, b);
        double yardFlops = FlopCount.BareConvolution(YardstickWidth, YardstickKernel, shape, b);

        using var data = NewDisposeScope();
        var gen = new Generator(options.Seed);
        var device = options.Device;
        Tensor Images(int n) => torch.rand(new long[] { n, shape.Channels, shape.Height, shape.Width }, generator: gen).mul_(2).sub_(1).to(device);
        var synthetic = Images(b);
        var syntheticHalf = Images(b / 2);
        var history = Images(b / 2);
        var real = Images(b);
        var activations = torch.randn(new long[] { b, YardstickWidth, shape.Height, shape.Width }, generator: gen).to(device);
        var weight = torch.randn(new long[] { YardstickWidth, YardstickWidth, YardstickKernel, YardstickKernel }, generator: gen).to(device);
        var bias = torch.randn(new long[] { YardstickWidth }, generator: gen).to(device);
        var yardLayouts = new[] { ConvLayout.Contiguous, ConvLayout.ChannelsLast };
        var yardInputs = yardLayouts.ToDictionary(l => l, l => l == ConvLayout.ChannelsLast ? LayoutConv.ChannelsLast(activations) : activations.alias());
        var yardWeights = yardLayouts.ToDictionary(l => l, l => l == ConvLayout.ChannelsLast ? LayoutConv.ChannelsLast(weight) : weight.alias());

        var yardMs = yardLayouts.ToDictionary(l => l, _ => new List<double>());
        // Each precision computes on its own networks (the model's for fp32, bf16 copies that take its weights after
        // every step), as the local trainer does; every variant trains the one model, round after round.
        var networks = options.Precisions.ToDictionary(p => p, p => new SliceNetworks(model, device, p));
        var variants = options.Layouts.SelectMany(l => options.Precisions.Select(p => (Layout: l, Precision: p))).ToList();
        var refineMs = variants.ToDictionary(v => v, _ => new List<double>());
        var rStepMs = variants.ToDictionary(v => v, _ => new List<double>());
        var dStepMs = variants.ToDictionary(v => v, _ => new List<double>());
        var stepCpuMs = variants.ToDictionary(v => v, _ => new List<double>());

        for (int round = 0; round < options.Warmup + options.Iterations; round++)
        {
            bool timed = round >= options.Warmup;
            foreach (var l in yardLayouts)
            {
                double ms = Time(() =>
                {
                    using var _ = torch.no_grad();
                    nn.functional.conv2d(yardInputs[l], yardWeights[l], bias, padding: [YardstickKernel / 2, YardstickKernel / 2]);
                }, device);
                if (timed) yardMs[l].Add(ms);
            }
            foreach (var v in variants)
            {
                var nets = networks[v.Precision];
                model.Refiner.Layout = model.Discriminator.Layout = nets.Refiner.Layout = nets.Discriminator.Layout = v.Layout;
                nets.Sync();
                double refine = Time(() =>
                {
                    using var _ = torch.no_grad();
                    nets.Refiner.forward(synthetic);
                }, device);
                // CPU time, unlike wall time, does not count the time other processes hold the cores (it does count
                // oneDNN's threads spinning at barriers); it shows how much work a step takes on a shared machine.
                double cpu0 = CpuMilliseconds();
                double rStep = Time(() => RefinerStep.Run(model, synthetic, adversarial: true, networks: nets), device);
                double dStep = Time(() => DiscriminatorStepAsTrained(model, nets, syntheticHalf, history, real), device);
                double cpu = CpuMilliseconds() - cpu0;
                if (!timed) continue;
                stepCpuMs[v].Add(cpu);
                refineMs[v].Add(refine);
                rStepMs[v].Add(rStep);
                dStepMs[v].Add(dStep);
            }
            if (timed && (round - options.Warmup + 1) % 5 == 0)
                progress?.Invoke($"  batch {b}: {round - options.Warmup + 1}/{options.Iterations} rounds");
        }

        double Gflops(double flops, double ms) => flops / (ms * 1e6);
        var yardGflops = yardLayouts.ToDictionary(l => l, l => yardMs[l].Select(ms => Gflops(yardFlops, ms)).ToList());
        // The fairest yardstick is the faster layout of the bare convolution in the same round.
        var bestYard = Enumerable.Range(0, options.Iterations).Select(i => yardLayouts.Max(l => yardGflops[l][i])).ToList();
        List<double> StepMs((ConvLayout, Precision) v) => rStepMs[v].Zip(dStepMs[v], (r, d) => r + d).ToList();
        var layouts = variants.Select(v =>
        {
            var stepMs = StepMs(v);
            var stepGflops = stepMs.Select(ms => Gflops(rStepFlops + dStepFlops, ms)).ToList();
            return new LayoutResult(
                Name(v.Layout),
                v.Precision.Name(),
                Stat.Of(refineMs[v].Select(ms => b / (ms / 1000)).ToList()),
                Stat.Of(rStepMs[v].Select(ms => b / (ms / 1000)).ToList()),
                // As the trainer counts it: b/2 refined + b/2 history + b real pass through D.
                Stat.Of(dStepMs[v].Select(ms => 2 * b / (ms / 1000)).ToList()),
                Stat.Of(stepMs),
                Stat.Of(stepCpuMs[v]),
                Stat.Of(stepGflops),
                Stat.Of(stepGflops.Zip(bestYard, (s, y) => s / y).ToList()));
        }).ToList();
        var speedups = options.Precisions.Contains(Precision.Fp32)
            ? variants.Where(v => v.Precision != Precision.Fp32).Select(v => new PrecisionSpeedup(Name(v.Layout), v.Precision.Name(),
                Stat.Of(StepMs((v.Layout, Precision.Fp32)).Zip(StepMs(v), (fp32, other) => fp32 / other).ToList()))).ToList()
            : [];
        foreach (var n in networks.Values) n.Dispose();
        var yardsticks = yardLayouts.Select(l => new YardstickResult(Name(l), Stat.Of(yardMs[l]), Stat.Of(yardGflops[l]))).ToList();
        return new BatchResult(b, rStepFlops / 1e9, dStepFlops / 1e9, yardFlops / 1e9, yardsticks, layouts, speedups);
    }

    /// <summary>The local trainer's D step without its pixel bookkeeping: b/2 refined now, b/2 from history, b real.</summary>
    static void DiscriminatorStepAsTrained(SimGanModel model, SliceNetworks networks, Tensor syntheticHalf, Tensor history, Tensor real)
    {
        Tensor current;
        networks.Sync();
        using (torch.no_grad()) current = networks.Refiner.Refine(syntheticHalf);
        using (current)
        using (var refined = torch.cat(new[] { current, history }, 0))
            DiscriminatorStep.Run(model, refined, real, networks: networks);
    }

    static double Time(Action action, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var watch = Stopwatch.StartNew();
        action();
        // A GPU runs the work queued by the action after the call returns; wait for it so the time is the work's.
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
        return watch.Elapsed.TotalMilliseconds;
    }

    static double CpuMilliseconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }

    static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    static string Name(ConvLayout layout) => layout == ConvLayout.ChannelsLast ? "channels-last" : "contiguous";

    static MachineInfo Machine(bool retainsFreedMemory, double load, Device device)
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                      ?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new MachineInfo(cpu, Environment.ProcessorCount, torch.get_num_threads(), torch.get_num_interop_threads(),
                               $"LibTorch {torch.__version__}", typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
                               System.Runtime.InteropServices.RuntimeInformation.OSDescription, retainsFreedMemory, load,
                               Runtime.ComputeDevice.Name(device));
    }
}
