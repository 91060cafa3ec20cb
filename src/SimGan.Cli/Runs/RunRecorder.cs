using System.Globalization;
using System.Text.Json.Nodes;
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
        var (grid, gridShape) = ImageGrid.Tile(interleaved, shape, columns: 8);
        PngImage.Write(Path.Combine(run.Samples, name), grid, gridShape);
        using var image = torch.tensor(grid, new long[] { gridShape.Channels, gridShape.Height, gridShape.Width });
        tensorBoard.add_img("samples/synthetic_refined", image, (int)step);
    }

    public void OnCheckpoint(long step, string path) => metrics.Flush();

    private static void KeepMetricsBefore(string path, long step)
    {
        if (!File.Exists(path)) return;
        var kept = File.ReadLines(path).Where(line =>
        {
            try { return JsonNode.Parse(line)?["step"]?.GetValue<long>() < step; }
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

    private static JsonNode? Number(double v) => double.IsNaN(v) ? null : JsonValue.Create(Math.Round(v, 6));

    public void Dispose()
    {
        // SummaryWriter writes each event as it is added and holds no handle to release.
        metrics.Dispose();
    }
}
