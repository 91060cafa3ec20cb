using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimGan.Core.Benchmarks;

/// <summary>Median and spread of one quantity over the timed rounds.</summary>
public sealed record Stat(double Median, double Min, double Max, double P25, double P75)
{
    public static Stat Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no samples");
        var s = values.OrderBy(v => v).ToArray();
        return new(Quantile(s, 0.5), s[0], s[^1], Quantile(s, 0.25), Quantile(s, 0.75));
    }

    static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}

/// <summary>The yardstick: a bare 64→64 3×3 convolution forward on the batch's activation shape.</summary>
public sealed record YardstickResult(string Layout, Stat Milliseconds, Stat GflopPerSecond);

/// <summary>The networks' steps in one layout and precision at one batch size.</summary>
public sealed record LayoutResult(
    string Layout,
    string Precision,
    Stat RefineImagesPerSecond,
    Stat RefinerStepImagesPerSecond,
    Stat DiscriminatorStepImagesPerSecond,
    Stat TrainingStepMilliseconds,
    Stat TrainingStepCpuMilliseconds,
    Stat TrainingStepGflopPerSecond,
    Stat TrainingStepFractionOfYardstick);

public sealed record BatchResult(
    int BatchSize,
    double RefinerStepGflop,
    double DiscriminatorStepGflop,
    double YardstickGflop,
    IReadOnlyList<YardstickResult> Yardsticks,
    IReadOnlyList<LayoutResult> Layouts,
    IReadOnlyList<PrecisionSpeedup> Speedups);

/// <summary>fp32's R+D step time over another precision's, round by round in one layout (above 1: faster).</summary>
public sealed record PrecisionSpeedup(string Layout, string Precision, Stat TrainingStepSpeedup);

public sealed record MachineInfo(string Cpu, int LogicalCores, int TorchThreads, int InteropThreads, string LibTorch, string TorchSharp,
                                 string Os, bool RetainsFreedMemory, double LoadAverageAtStart, string Device);

public sealed record BenchmarkReport(
    DateTimeOffset StartedAt, MachineInfo Machine, string Preset, string Shape, int Iterations, int Warmup,
    IReadOnlyList<BatchResult> Batches)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A plain-text summary: medians with [min–max] over the timed rounds.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"machine: {Machine.Cpu}, {Machine.LogicalCores} logical cores; computing on {Machine.Device}; {Machine.LibTorch}, TorchSharp {Machine.TorchSharp}, {Machine.TorchThreads} intra-op threads; freed memory {(Machine.RetainsFreedMemory ? "retained" : "returned to the OS")}; load average {Machine.LoadAverageAtStart:F1} at start");
        sb.AppendLine(c, $"preset {Preset}, images {Shape}, timed rounds: {Iterations} after {Warmup} warm-up; median [min–max]");
        foreach (var b in Batches)
        {
            sb.AppendLine();
            sb.AppendLine(c, $"batch {b.BatchSize}: R step {b.RefinerStepGflop:F1} GFLOP, D step {b.DiscriminatorStepGflop:F1} GFLOP, yardstick conv {b.YardstickGflop:F2} GFLOP");
            foreach (var y in b.Yardsticks)
                sb.AppendLine(c, $"  bare 64→64 3×3 conv, {y.Layout,-13}  {F(y.GflopPerSecond, "F0")} GFLOP/s   ({F(y.Milliseconds, "F1")} ms)");
            sb.AppendLine(c, $"  {"layout",-13}  {"prec.",-6}{"refine img/s",-22}{"R step img/s",-22}{"D step img/s",-24}{"R+D step ms",-24}{"R+D CPU ms",-24}{"R+D GFLOP/s",-20}{"of yardstick",-20}");
            foreach (var l in b.Layouts)
                sb.AppendLine(c, $"  {l.Layout,-13}  {l.Precision,-6}{F(l.RefineImagesPerSecond, "F0"),-22}{F(l.RefinerStepImagesPerSecond, "F1"),-22}{F(l.DiscriminatorStepImagesPerSecond, "F1"),-24}{F(l.TrainingStepMilliseconds, "F0"),-24}{F(l.TrainingStepCpuMilliseconds, "F0"),-24}{F(l.TrainingStepGflopPerSecond, "F1"),-20}{F(l.TrainingStepFractionOfYardstick, "P0"),-20}");
            foreach (var s in b.Speedups)
                sb.AppendLine(c, $"  {s.Precision} R+D step against fp32, {s.Layout}: {F(s.TrainingStepSpeedup, "F2")}× (per round)");
        }
        return sb.ToString();
    }

    static string F(Stat s, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Median.ToString(format, CultureInfo.InvariantCulture)} [{s.Min.ToString(format, CultureInfo.InvariantCulture)}–{s.Max.ToString(format, CultureInfo.InvariantCulture)}]");
}
