using SimGan.Cli.Composition;
using SimGan.Data.Datasets;

namespace SimGan.Cli.Commands;

/// <summary>
/// The sets one demo uses. Every generator spec names its own seed, so the report's sources and the refined folder's
/// manifest reopen exactly these images in `simgan evaluate`, whatever its own --seed.
/// </summary>
/// <param name="Synthetic">The labelled synthetic images that are refined and measured.</param>
/// <param name="RefinerSynthetic">What the refiner trains on: the same images, more of them, or the endless stream
/// (image i is the same in every spec, so the refined set is a prefix of what the refiner saw).</param>
/// <param name="Real">Unlabelled real images the refiner learns from.</param>
/// <param name="RealTest">Real images only evaluation (and model selection) sees.</param>
/// <param name="RealTestNote">Why the real test set is not held out, when it is not.</param>
public sealed record DemoData(IDataset Synthetic, IDataset RefinerSynthetic, IDataset Real, IDataset RealTest, string? RealTestNote)
{
    /// <summary>Three independent draws of the built-in domains: training synthetic, unlabelled camera, labelled camera test.</summary>
    public static DemoData BuiltIn(DemoPlan plan)
    {
        ulong seed = plan.Training.Seed;
        var (synthetic, refinerSynthetic) = Simulated(plan);
        return new DemoData(synthetic, refinerSynthetic, Datasets.Open($"eyes-real?seed={seed + 1}"),
            Datasets.Open($"eyes-real:{plan.TestImages}?seed={seed + 2}"), null);
    }

    /// <summary>
    /// The user's own photographs: <paramref name="real"/> to learn from, <paramref name="realTest"/> (labelled or
    /// not) to measure against; without it the realism test can only compare with the photographs trained on.
    /// </summary>
    public static DemoData Photographs(DemoPlan plan, string real, string? realTest)
    {
        var (synthetic, refinerSynthetic) = Simulated(plan);
        var realSet = Datasets.Open(real, plan.Training.Seed + 1, channels: synthetic.Shape.Channels);
        DatasetSpec.EnsureCompatible(synthetic, realSet);
        if (realTest is null)
            return new DemoData(synthetic, refinerSynthetic, realSet, realSet,
                "no --real-test was given, so the realism test compares with the photographs the refiner trained on");
        var testSet = Datasets.Open(realTest, plan.Training.Seed + 2, channels: synthetic.Shape.Channels);
        DatasetSpec.EnsureCompatible(synthetic, testSet);
        return new DemoData(synthetic, refinerSynthetic, realSet, testSet, null);
    }

    /// <summary>Depth hands: training synthetic, an endless depth-camera stream to learn from, a labelled depth-camera test split.</summary>
    public static DemoData Hands(DemoPlan plan)
    {
        ulong seed = plan.Training.Seed;
        var (synthetic, refinerSynthetic) = Simulated(plan);
        return new DemoData(synthetic, refinerSynthetic, Datasets.Open($"{Data.Hands.HandDomainNames.Real}?seed={seed + 1}"),
            Datasets.Open($"{Data.Hands.HandDomainNames.Real}:{plan.TestImages}?seed={seed + 2}"), null);
    }

    static (IDataset Synthetic, IDataset RefinerSynthetic) Simulated(DemoPlan plan)
    {
        ulong seed = plan.Training.Seed;
        string simulator = plan.Simulator;
        long refined = plan.DataMultiplier * plan.TrainImages;
        long refinerImages = plan.RefinerImages ?? refined;
        return (Datasets.Open($"{simulator}:{refined}?seed={seed}"),
                Datasets.Open((refinerImages == 0 ? simulator : $"{simulator}:{refinerImages}") + $"?seed={seed}"));
    }
}
