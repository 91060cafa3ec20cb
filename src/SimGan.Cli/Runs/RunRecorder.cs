using System.Globalization;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using SimGan.Core.Health;
using SimGan.Evaluation.Selection;
using SimGan.Core.Images;
using SimGan.Core.Training;
using SimGan.Data.Imaging;
using TorchSharp;

namespace SimGan.Cli.Runs;

/// <summary>
/// Writes what a training run reports into its folder: one metrics.jsonl line per step, sample sheets (synthetic
/// next to refined, as the paper's Fig. 6) and TensorBoard scalars and images.
/// </summary>
public sealed class RunRecorder : ITrainingObserver, IDisposable
{
    private readonly RunFolder run;
    private readonly StreamWriter metrics;
    private readonly TorchSharp.Modules.SummaryWriter tensorBoard;

    /// <param name="resumeStep">The step training continues from: metrics of later steps (lost with the checkpoint
    /// they came after) are dropped so the file never lists a step twice.</param>
    public RunRecorder(RunFolder run, long resumeStep = 0)
    {
        this.run = run;
        KeepMetricsBefore(run.Metrics, resumeStep);
        metrics = new StreamWriter(new FileStream(run.Metrics, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = false };
        tensorBoard = torch.utils.tensorboard.SummaryWriter(run.TensorBoard);
    }

    public long LastStep { get; private set; } = -1;

    /// <summary>Progress display hook; the recorder itself does not care who listens.</summary>
    public Action<StepRecord>? OnStepCallback { get; set; }

    public void OnStep(StepRecord r)
    {
        var line = new JsonObject
        {
            ["step"] = r.Step,
            ["phase"] = PhaseName(r.Phase),
            ["kind"] = r.Kind == StepKind.RefinerStep ? "R" : "D",
            ["loss_d"] = Number(r.LossD),
            ["loss_r_adv"] = Number(r.LossRAdv),
            ["loss_r_reg"] = Number(r.LossRReg),
            ["images_per_s"] = Math.Round(r.ImagesPerSecond, 1),
            ["k_g"] = r.KG,
            ["buffer"] = r.BufferCount,
            // Wall-clock time of the step's end, so throughput can be measured across engines and restarts.
            ["time"] = Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3),
        };
        if (r.LossScale is { } scale)
        {
            line["loss_scale"] = scale;
            line["skipped"] = r.Skipped;
            tensorBoard.add_scalar(r.Kind == StepKind.RefinerStep ? "fp16/loss_scale_r" : "fp16/loss_scale_d", scale, (int)r.Step);
        }
        metrics.WriteLine(line.ToJsonString());
        if (r.Step % 20 == 0) metrics.Flush();
        if (!double.IsNaN(r.LossD)) tensorBoard.add_scalar("loss/d", (float)r.LossD, (int)r.Step);
        if (!double.IsNaN(r.LossRAdv)) tensorBoard.add_scalar("loss/r_adv", (float)r.LossRAdv, (int)r.Step);
        if (!double.IsNaN(r.LossRReg)) tensorBoard.add_scalar("loss/r_reg", (float)r.LossRReg, (int)r.Step);
        LastStep = r.Step;
        OnStepCallback?.Invoke(r);
    }

    public void OnSamples(long step, float[] synthetic, float[] refined, int count, ImageShape shape)
    {
        // Pairs side by side: synthetic, refined, synthetic, refined, ...
        var interleaved = new float[2 * count * shape.Pixels];
        for (int i = 0; i < count; i++)
        {
            synthetic.AsSpan(i * shape.Pixels, shape.Pixels).CopyTo(interleaved.AsSpan(2 * i * shape.Pixels));
            refined.AsSpan(i * shape.Pixels, shape.Pixels).CopyTo(interleaved.AsSpan((2 * i + 1) * shape.Pixels));
        }
        string name = $"step-{step.ToString("D9", CultureInfo.InvariantCulture)}.png";
        // Eye patches are a few dozen pixels: shown at 1x nobody can judge them, and smoothing would hide the very
        // pixels (noise, hard edges) a refiner is meant to change.
        var (large, largeShape) = ImageScaling.NearestNeighbour(interleaved, 2 * count, shape, SampleScale);
        var (grid, gridShape) = ImageGrid.Tile(large, largeShape, columns: 8, gap: SampleScale);
        PngImage.Write(Path.Combine(run.Samples, name), grid, gridShape);
        using var image = torch.tensor(grid, new long[] { gridShape.Channels, gridShape.Height, gridShape.Width });
        tensorBoard.add_img("samples/synthetic_refined", image, (int)step);
    }

    public void OnCheckpoint(long step, string path) => metrics.Flush();

    /// <summary>Sample sheets enlarge every pixel to this many pixels a side.</summary>
    public const int SampleScale = 4;

    /// <summary>A checkpoint's model-selection score as its own metrics.jsonl line ("event": "selection") and TensorBoard scalars.</summary>
    public void OnSelection(CheckpointScore score, bool isBest)
    {
        var line = new JsonObject
        {
            ["step"] = score.Step,
            ["event"] = "selection",
            ["realism_mmd"] = Number(score.Realism),
            ["pupil_shift_px"] = Number(score.PupilShiftPx),
            ["detection_failures"] = score.DetectionFailures,
            ["pairs"] = score.Pairs,
            ["best"] = isBest,
            ["time"] = Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3),
        };
        metrics.WriteLine(line.ToJsonString());
        metrics.Flush();
        if (double.IsFinite(score.Realism)) tensorBoard.add_scalar("selection/realism_mmd", (float)score.Realism, (int)score.Step);
        if (double.IsFinite(score.PupilShiftPx)) tensorBoard.add_scalar("selection/pupil_shift_px", (float)score.PupilShiftPx, (int)score.Step);
    }

    /// <summary>A health check as its own metrics.jsonl line ("event": "health") and TensorBoard scalars.</summary>
    public void OnHealth(HealthCheck check)
    {
        var i = check.Images;
        var line = new JsonObject
        {
            ["step"] = check.Step,
            ["event"] = "health",
            ["status"] = check.Status.ToString().ToLowerInvariant(),
            ["problem"] = check.Problem == HealthProblem.None ? null : check.Problem.ToString().ToLowerInvariant(),
            ["contrast_ratio"] = Number(i.ContrastRatio),
            ["diversity_ratio"] = Number(i.DiversityRatio),
            ["structure_correlation"] = Number(i.StructureCorrelation),
            ["d_loss_mean"] = Number(check.RecentDiscriminatorLoss),
            ["d_wins"] = check.DiscriminatorWins,
            ["unhealthy_checks"] = check.UnhealthyChecks,
            ["time"] = Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3),
        };
        metrics.WriteLine(line.ToJsonString());
        metrics.Flush();
        int step = (int)check.Step;
        if (double.IsFinite(i.ContrastRatio)) tensorBoard.add_scalar("health/contrast_ratio", (float)i.ContrastRatio, step);
        if (double.IsFinite(i.DiversityRatio)) tensorBoard.add_scalar("health/diversity_ratio", (float)i.DiversityRatio, step);
        if (double.IsFinite(i.StructureCorrelation)) tensorBoard.add_scalar("health/structure_correlation", (float)i.StructureCorrelation, step);
        tensorBoard.add_scalar("health/collapsed", check.Status == HealthStatus.Collapsed ? 1f : 0f, step);
    }

    private static void KeepMetricsBefore(string path, long step)
    {
        if (!File.Exists(path)) return;
        var kept = File.ReadLines(path).Where(line =>
        {
            try { return StrictJson.Parse(line)?["step"]?.GetValue<long>() < step; }
            catch (System.Text.Json.JsonException) { return false; }
        }).ToList();
        string tmp = path + ".tmp";
        File.WriteAllLines(tmp, kept);
        File.Move(tmp, path, overwrite: true);
    }

    private static string PhaseName(Phase p) => p switch
    {
        Phase.PretrainR => "pretrain_r",
        Phase.PretrainD => "pretrain_d",
        Phase.Adversarial => "adversarial",
        _ => "done",
    };

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;

    public void Dispose()
    {
        // SummaryWriter writes each event as it is added and holds no handle to release.
        try { metrics.Dispose(); }
        catch (IOException ex)
        {
            // The disk filled up, most likely, and the error that ends the run says so already; an exception from
            // here would replace it. Say what was lost, once.
            Console.Error.WriteLine($"warning: the last lines of metrics.jsonl could not be written ({ex.Message})");
        }
    }
}
