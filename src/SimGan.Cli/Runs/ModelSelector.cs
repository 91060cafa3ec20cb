using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using SimGan.Core.Export;
using SimGan.Data.Imaging;
using SimGan.Evaluation.Selection;

namespace SimGan.Cli.Runs;

/// <summary>
/// Scores every checkpoint's refiner as it is written and keeps the best one's export (refiner-best.safetensors) and
/// score (selection.json), so the paper's "stop when refined images look real" is a measured choice.
/// </summary>
public sealed class ModelSelector : IDisposable
{
    readonly RunFolder run;
    readonly CheckpointScorer scorer;

    public ModelSelector(RunFolder run, CheckpointScorer scorer, SelectionRule rule)
    {
        this.run = run;
        this.scorer = scorer;
        Rule = rule;
        Best = LoadBest(run.Selection);
    }

    public SelectionRule Rule { get; }

    public CheckpointScore? Best { get; private set; }

    /// <summary>Scores the checkpoint's refiner; returns its score and whether it is the new best.</summary>
    public (CheckpointScore Score, bool IsBest) OnCheckpoint(long step, string checkpointPath)
    {
        using var model = RefinerModel.Load(checkpointPath);
        var score = scorer.Score(step, model.Refine);
        if (!Rule.IsBetter(score, Best)) return (score, false);
        RefinerExport.Save(run.BestRefiner, model.Refiner, new Dictionary<string, string>
        {
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["selected_by"] = Rule.Describe(),
        });
        Best = score;
        var json = new JsonObject
        {
            ["best"] = JsonSerializer.SerializeToNode(score, Json),
            ["rule"] = Rule.Describe(),
            ["validation_images"] = scorer.ValidationCount,
            ["held_out_real_images"] = scorer.RealCount,
        };
        AtomicFile.WriteAllBytes(run.Selection, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        return (score, true);
    }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    static CheckpointScore? LoadBest(string path)
    {
        if (!File.Exists(path)) return null;
        try { return StrictJson.Parse(File.ReadAllText(path))?["best"]?.Deserialize<CheckpointScore>(Json); }
        catch (JsonException ex) { throw new UserError($"{path} is not a valid selection record ({ex.Message.Split('\n')[0]}); delete it to score the run afresh"); }
    }

    public void Dispose() => scorer.Dispose();
}
