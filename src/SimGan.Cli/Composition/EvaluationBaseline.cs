using System.Text.Json.Nodes;
using SimGan.Core.Export;
using SimGan.Data.Datasets;
using SimGan.Data.Refining;

namespace SimGan.Cli.Composition;

/// <summary>
/// Which synthetic images a refined set is compared with. A refiner whose output stage equalises (RefinerSpec.
/// EqualizeOutput) is compared with the synthetic images through that same fixed stage, so that the report measures
/// what the network learnt and not what equalisation alone does (docs/evaluation.md).
/// </summary>
public static class EvaluationBaseline
{
    /// <summary>The baseline for <paramref name="refined"/>, and a line saying so when it is not the synthetic set as given.</summary>
    public static (IDataset Baseline, string? Note) For(IDataset synthetic, IDataset refined)
    {
        if (synthetic is EqualizedDataset || OutputStage(refined) != RefinerExport.EqualizationStage) return (synthetic, null);
        var baseline = new EqualizedDataset(synthetic);
        return (baseline, $"the refiner equalises its output, so the synthetic baseline is {baseline.Spec}: the same fixed stage, nothing learnt");
    }

    /// <summary>The output stage a refined folder's manifest records ("none" for folders written before it did).</summary>
    static string OutputStage(IDataset refined)
    {
        const string folderScheme = "folder:";
        if (!refined.Spec.StartsWith(folderScheme, StringComparison.Ordinal)) return DatasetRefinement.NoOutputStage;
        string manifest = Path.Combine(refined.Spec[folderScheme.Length..], DatasetRefinement.ManifestFile);
        if (!File.Exists(manifest)) return DatasetRefinement.NoOutputStage;
        try { return JsonNode.Parse(File.ReadAllText(manifest))?["output_stage"]?.GetValue<string>() ?? DatasetRefinement.NoOutputStage; }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{manifest} is not a valid refine manifest: {e.Message.Split('\n')[0]}");
        }
    }
}
