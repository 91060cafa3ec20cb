using SimGan.Core.Export;
using SimGan.Core.Health;
using SimGan.Data.Datasets;
using SimGan.Data.Refining;

namespace SimGan.Cli.Composition;

/// <summary>How the verbs open datasets and apply a trained refiner: the one place that joins Data and Core.</summary>
public static class Datasets
{
    /// <param name="shape">The size to read images at (a folder of refined hands is 64×64, not the eyes' default).</param>
    public static IDataset Open(string spec, ulong seed = 1, bool strict = false, int channels = 1, SimGan.Core.Images.ImageShape? shape = null) =>
        DatasetSpec.Open(spec, new DatasetOptions(Seed: seed, Strict: strict, Channels: channels, Height: shape?.Height, Width: shape?.Width));

    /// <summary>Lists the samples that file-backed sets skipped as unreadable, one per line; no file when none were.</summary>
    public static int WriteBadSampleList(string path, params IDataset[] sets)
    {
        var bad = sets.OfType<SkippingDataset>().SelectMany(s => s.BadSamples).ToList();
        if (bad.Count > 0) File.WriteAllLines(path, bad);
        return bad.Count;
    }

    /// <summary>A --precision value, or a one-line error.</summary>
    public static Core.Runtime.Precision Precision(string name)
    {
        try { return Core.Runtime.PrecisionNames.Parse(name); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
    }

    public static RefinerModel LoadRefiner(string modelPath) =>
        RefinerModel.Load(modelPath, w => Console.Error.WriteLine($"warning: {w}"));

    /// <summary>Refines every image of <paramref name="input"/> into a folder dataset.</summary>
    public static RefinementResult Refine(RefinerModel model, IDataset input, string outputDirectory, int batchSize = 64,
                                          Action<long, long>? progress = null, CancellationToken cancel = default) =>
        new DatasetRefinement(input, outputDirectory, model.Checksum, batchSize, OutputStage(model)).Run(model.Refine, progress, cancel);

    /// <summary>What a refine manifest records of the refiner's output stage.</summary>
    public static string OutputStage(RefinerModel model) =>
        model.Refiner.Spec.EqualizeOutput ? RefinerExport.EqualizationStage : DatasetRefinement.NoOutputStage;

    /// <summary>Images of the input that <see cref="RequireFit"/> refines and judges before anything is written.</summary>
    public const int FitnessImages = 64;

    /// <summary>
    /// Refuses, with one line and before any file is written, a refiner whose output is degenerate on the first
    /// images of <paramref name="input"/>: flat, all alike, without the input's eye, or NaN (the checks a training
    /// run's health watch makes, with the same thresholds).
    /// </summary>
    public static void RequireFit(RefinerModel model, IDataset input)
    {
        // An endless input is refused by the refinement itself, with its own message.
        if (input.Count is not long total || total < 2) return;
        long count = Math.Min(FitnessImages, total);
        var shape = input.Shape;
        var pixels = new float[count * shape.Pixels];
        for (int i = 0; i < count; i++) input.ReadImage(i, pixels.AsSpan(i * shape.Pixels, shape.Pixels));
        var refined = model.Refine(pixels, (int)count, shape);
        var health = RefinedImageHealth.Measure(pixels, refined, (int)count, shape);
        var problem = new HealthThresholds().Judge(health);
        if (problem == HealthProblem.None) return;
        var check = new HealthCheck(0, health, problem, double.NaN, false, 1, HealthStatus.Collapsed);
        throw new UserError($"{model.Source} is degenerate on the first {count} images of {input.Spec}: {check.Describe()}; " +
                            "nothing was written. Retrain it (docs/real-data.md), or pass --allow-degenerate to refine anyway");
    }

    /// <summary>For <c>evaluate --model</c>: refine the synthetic set next to the report, then open the result.</summary>
    public static IDataset RefineAndOpen(string modelPath, IDataset synthetic, string outputDirectory, RefinerPlacement placement)
    {
        using var model = LoadRefiner(modelPath).PlaceOn(placement.ResolveDevice(), Precision(placement.Precision));
        RequireFit(model, synthetic);
        Refine(model, synthetic, outputDirectory);
        return Open($"folder:{outputDirectory}", channels: synthetic.Shape.Channels);
    }
}
