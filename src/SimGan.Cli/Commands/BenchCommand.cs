using System.CommandLine;
using SimGan.Core.Benchmarks;
using SimGan.Core.Networks;
using SimGan.Core.Runtime;

namespace SimGan.Cli.Commands;

/// <summary>`simgan bench`: throughput of the training steps and refine against a bare convolution (docs/benchmarks.md).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations")
        {
            Description = "Timed rounds; each round runs every measurement once",
            DefaultValueFactory = _ => 20,
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed rounds first (oneDNN builds its kernels on first use)",
            DefaultValueFactory = _ => 3,
        };
        var batchSizes = new Option<int[]>("--batch-sizes")
        {
            Description = "Batch sizes to measure",
            DefaultValueFactory = _ => [32, 128],
            AllowMultipleArgumentsPerToken = true,
        };
        var layout = new Option<string>("--layout")
        {
            Description = "Activation layout: contiguous (NCHW), channels-last, or both (before/after in one run)",
            DefaultValueFactory = _ => "both",
        };
        layout.AcceptOnlyFromAmong("both", "contiguous", "channels-last");
        var precision = new Option<string>("--precision")
        {
            Description = "Number format of the passes: fp32, bf16, fp16 (for GPUs: a CPU has no fast fp16 kernels), or both (fp32 and bf16, their ratio under the same load, round by round)",
            DefaultValueFactory = _ => "fp32",
        };
        precision.AcceptOnlyFromAmong("fp32", "bf16", "fp16", "both");
        var device = new Option<string?>("--device") { Description = ComputeDevice.Help };
        var threads = new Option<int?>("--threads")
        {
            Description = "Intra-op threads (default: LibTorch's choice, one per core)",
        };
        var preset = new Option<string>("--preset")
        {
            Description = "Network preset (the images stay 35×55 grayscale)",
            DefaultValueFactory = _ => "gaze",
        };
        preset.AcceptOnlyFromAmong("gaze", "cpu-gaze");
        var allocator = new Option<string>("--allocator")
        {
            Description = "retain: keep freed native memory for reuse (default, fewer page faults); default: glibc's usual behaviour",
            DefaultValueFactory = _ => "retain",
        };
        allocator.AcceptOnlyFromAmong("retain", "default");
        var json = new Option<FileInfo?>("--json")
        {
            Description = "Also write the full report (all statistics and the machine) as JSON to this file",
        };
        var quiet = new Option<bool>("--quiet")
        {
            Description = "No progress lines on stderr",
        };

        var command = new Command("bench", "Measure images/s of the R step, the D step and refine, and the R+D step's GFLOP/s against a bare 64→64 3×3 convolution")
        {
            iterations, warmup, batchSizes, layout, precision, device, threads, preset, allocator, json, quiet,
            WireBenchCommand.Create(),
        };
        command.SetAction(parseResult =>
        {
            TorchRuntime.EnsureLoaded();
            TorchSharp.torch.Device where;
            try { where = ComputeDevice.Resolve(parseResult.GetValue(device)); }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"simgan bench: {ex.Message}");
                return 2;
            }
            var options = new BenchmarkOptions
            {
                Device = where,
                Iterations = parseResult.GetValue(iterations),
                Warmup = parseResult.GetValue(warmup),
                BatchSizes = parseResult.GetValue(batchSizes) ?? [32, 128],
                Layouts = parseResult.GetValue(layout) switch
                {
                    "contiguous" => [ConvLayout.Contiguous],
                    "channels-last" => [ConvLayout.ChannelsLast],
                    _ => [ConvLayout.Contiguous, ConvLayout.ChannelsLast],
                },
                Precisions = parseResult.GetValue(precision) switch
                {
                    "bf16" => [Precision.Bf16],
                    "fp16" => [Precision.Fp16],
                    "both" => [Precision.Fp32, Precision.Bf16],
                    _ => [Precision.Fp32],
                },
                Threads = parseResult.GetValue(threads),
                Preset = parseResult.GetValue(preset) ?? "gaze",
                RetainFreedMemory = parseResult.GetValue(allocator) != "default",
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"simgan bench: {ex.Message}");
                return 2;
            }
            bool showProgress = !parseResult.GetValue(quiet) && !Console.IsErrorRedirected;
            var report = StepBenchmark.Run(options, showProgress ? line => Console.Error.WriteLine(line) : null);
            Console.Write(report.ToText());
            if (parseResult.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, report.ToJson());
                Console.WriteLine($"report written to {file.FullName}");
            }
            return 0;
        });
        return command;
    }
}
