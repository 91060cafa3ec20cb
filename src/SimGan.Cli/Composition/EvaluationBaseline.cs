using SimGan.Core.Export;
using SimGan.Data.Datasets;
using SimGan.Data.Folders;
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

    /// <summary>The output stage a refined folder's manifest records ("none" for any other set).</summary>
    static string OutputStage(IDataset refined) =>
        (refined is SkippingDataset skipping ? skipping.Inner : refined) is FolderDataset folder
            ? DatasetRefinement.OutputStageOf(folder.Root)
            : DatasetRefinement.NoOutputStage;
}
