using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using SimGan.Evaluation.Gaze;

namespace SimGan.Evaluation.Report;

/// <summary>One line of a run's metrics.jsonl; a loss is null where the phase does not compute it.</summary>
public sealed record TrainingMetric(long Step, string Phase, double? LossD, double? LossRAdv, double? LossRReg,
    double? ImagesPerSecond, double? KG);

/// <summary>Reads the step lines of metrics.jsonl as the trainer writes them (keys step, phase, loss_d, loss_r_adv, loss_r_reg,
/// images_per_s, k_g); lines with an "event" key are passed over.</summary>
public static class TrainingMetrics
{
    /// <summary>
    /// The metric lines in file order. A line that is not a JSON object with a step is skipped and counted in
    /// <paramref name="skipped"/>: a run still being written may end in a torn line, and one bad line should not
    /// cost the whole plot.
    /// </summary>
    public static IReadOnlyList<TrainingMetric> Read(string path, out int skipped)
    {
        var metrics = new List<TrainingMetric>();
        skipped = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (StrictJson.Parse(line) is not JsonObject o || o["step"] is null) { skipped++; continue; }
                // Events (health checks, model selection) share the file but are not steps.
                if (o["event"] is not null) continue;
                metrics.Add(new TrainingMetric(
                    (long)LabelNumbers.ToDouble(o["step"], "step"),
                    o["phase"] is JsonValue phase && phase.TryGetValue(out string? name) ? name : "",
                    Optional(o, "loss_d"), Optional(o, "loss_r_adv"), Optional(o, "loss_r_reg"),
                    Optional(o, "images_per_s"), Optional(o, "k_g")));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                skipped++;
            }
        }
        return metrics;
    }

    static double? Optional(JsonObject o, string key) => o[key] is null ? null : LabelNumbers.ToDouble(o[key], key);
}
