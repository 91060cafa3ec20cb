using System.Text.Json.Nodes;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Tensors;

namespace SimGan.Evaluation;

/// <summary>
/// `simgan evaluate`: trains gaze estimators on synthetic and on refined images (and optionally real ones), tests
/// them on real images, runs the realism test on both and the label check, and writes report.json and report.html.
/// A real test set without gaze labels skips the gaze estimators: realism and labels need none.
/// </summary>
public static class Evaluator
{
    /// <summary>
    /// Runs every measurement and writes the report into <paramref name="outputDirectory"/>.
    /// <paramref name="progress"/> gets (stage, fraction of that stage done); the stages are named in the report's
    /// timings. Returns the results with every default resolved, as written into report.json.
    /// </summary>
    public static EvaluationResults Run(EvaluationInputs inputs, EvaluationSettings settings, string outputDirectory,
        Action<string, double>? progress = null)
    {
        settings = Resolve(inputs, settings);
        long trainImages = settings.TrainImages!.Value;
        int k = settings.DataMultiplier;
        var gazeOptions = settings.Gaze with { Seed = settings.Seed };
        var realismOptions = settings.Realism with { Seed = settings.Seed };
        var stages = new StageClock(progress);
        T Stage<T>(string name, Func<Action<double>, T> work) => stages.Run(name, work);

        GazeRow TrainAndTest(string name, IDataset trainingSet, long images) => Stage($"gaze: {name}", report =>
        {
            using var model = GazeTrainer.Train(trainingSet, gazeOptions, images, report);
            return new GazeRow(name, images, GazeTrainer.Test(model, inputs.RealTest, settings.TestImages));
        });

        string? gazeSkipped = GazeTestSet.WhyUnmeasurable(inputs.RealTest);
        GazeRow? syntheticGaze = null, refinedGaze = null, syntheticMultiplied = null, refinedMultiplied = null, realGaze = null;
        if (gazeSkipped is null)
        {
            syntheticGaze = TrainAndTest("synthetic", inputs.Synthetic, trainImages);
            refinedGaze = TrainAndTest("refined", inputs.Refined, trainImages);
            if (k > 1)
            {
                syntheticMultiplied = TrainAndTest($"synthetic {k}×", inputs.Synthetic, k * trainImages);
                refinedMultiplied = TrainAndTest($"refined {k}×", inputs.Refined, k * trainImages);
            }
            if (inputs.RealTrain is { } realTrain)
                realGaze = TrainAndTest("real", realTrain, ImageTensors.Usable(realTrain, trainImages));
        }

        var syntheticVsReal = Stage("realism: synthetic vs real",
            report => RealismTest.Run(inputs.RealTest, inputs.Synthetic, realismOptions, report));
        var refinedVsReal = Stage("realism: refined vs real",
            report => RealismTest.Run(inputs.RealTest, inputs.Refined, realismOptions, report));
        var labels = Stage("labels", report =>
            LabelPreservation.Measure(inputs.Synthetic, inputs.Refined, settings.PupilDetector, settings.LabelPairs, report));

        var results = new EvaluationResults
        {
            SyntheticGaze = syntheticGaze,
            RefinedGaze = refinedGaze,
            RealGaze = realGaze,
            SyntheticGazeMultiplied = syntheticMultiplied,
            RefinedGazeMultiplied = refinedMultiplied,
            GazeSkippedReason = gazeSkipped,
            SyntheticVsReal = syntheticVsReal,
            RefinedVsReal = refinedVsReal,
            Labels = labels,
            Settings = settings,
            Sources = new EvaluationSources(inputs.Synthetic.Spec, inputs.Refined.Spec, inputs.RealTest.Spec,
                inputs.RealTrain?.Spec, inputs.MetricsJsonlPath),
            StageSeconds = stages.Seconds,
        };
        Stage("report", _ =>
        {
            var samples = SampleTriple.Take(inputs.Synthetic, inputs.Refined, inputs.RealTest, settings.SampleTriples);
            var metrics = inputs.MetricsJsonlPath is { } path && File.Exists(path) ? TrainingMetrics.Read(path, out int skippedLines) : null;
            ReportJson.Write(outputDirectory, results);
            return HtmlReport.Write(outputDirectory, results, samples, metrics);
        });
        // The report stage's own time is known only after writing; rewrite the JSON so it lists every stage.
        ReportJson.Write(outputDirectory, results);
        return results;
    }

    /// <summary>
    /// The stages <see cref="Run"/> will report, in order (they depend on K, on a real training set and on whether the
    /// real test set has gaze labels).
    /// </summary>
    public static IReadOnlyList<string> Stages(EvaluationInputs inputs, EvaluationSettings settings)
    {
        var stages = new List<string>();
        if (GazeTestSet.WhyUnmeasurable(inputs.RealTest) is null)
        {
            stages.AddRange(["gaze: synthetic", "gaze: refined"]);
            if (settings.DataMultiplier > 1)
                stages.AddRange([$"gaze: synthetic {settings.DataMultiplier}×", $"gaze: refined {settings.DataMultiplier}×"]);
            if (inputs.RealTrain is not null) stages.Add("gaze: real");
        }
        stages.AddRange(["realism: synthetic vs real", "realism: refined vs real", "labels", "report"]);
        return stages;
    }

    /// <summary>
    /// Adapts <see cref="Run"/>'s (stage, fraction of the stage) reports to (stage, fraction of the whole run), for a
    /// single progress bar. Stages are weighted by a rough share of the time each takes.
    /// </summary>
    public static Action<string, double> OverallProgress(IReadOnlyList<string> stages, Action<string, double> report)
    {
        double[] weights = stages.Select(s => s.StartsWith("gaze", StringComparison.Ordinal) ? 4.0
            : s.StartsWith("realism", StringComparison.Ordinal) ? 2.0 : 0.25).ToArray();
        double total = weights.Sum();
        var order = stages.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        return (stage, fraction) =>
        {
            int index = order.GetValueOrDefault(stage);
            double done = weights.Take(index).Sum() + weights[index] * Math.Clamp(fraction, 0, 1);
            report(stage, done / total);
        };
    }

    /// <summary>
    /// Refinement carries labels over unchanged, so image i of both sets must carry the same labels. Other labels mean
    /// other eyes (e.g. the synthetic set opened with another seed): every pupil shift would then be measured between
    /// two different eyes, so the pairing is checked on a few images before anything is trained.
    /// </summary>
    static void RequireSameEyes(IDataset synthetic, IDataset refined, long available)
    {
        long last = available == long.MaxValue ? 2 : available - 1;
        foreach (long i in new[] { 0, 1, 2, last / 2, last }.Where(i => i <= last).Distinct())
        {
            if (synthetic.Labels(i) is not { } expected || refined.Labels(i) is not { } found) continue;
            foreach (var (key, value) in expected)
            {
                if (found[key] is not { } other || SameNumbers(value, other)) continue;
                throw new ArgumentException($"image {i} of the refined set ({refined.Spec}) has another {key} than image {i} of the " +
                    $"synthetic set ({synthetic.Spec}), so they are not the same eyes; pass the set it was refined from " +
                    "(its manifest.json names it)");
            }
        }
    }

    /// <summary>Numbers and arrays of numbers agree to the 6 decimals labels.jsonl keeps; anything else is not compared.</summary>
    static bool SameNumbers(JsonNode? a, JsonNode b) => (a, b) switch
    {
        (JsonArray x, JsonArray y) =>
            x.Count == y.Count && x.Zip(y).All(p => p.First is not null && p.Second is not null && SameNumbers(p.First, p.Second)),
        (JsonValue x, JsonValue y)
            when x.TryGetValue(out double u) && y.TryGetValue(out double v) => Math.Abs(u - v) <= 1e-5 * Math.Max(1, Math.Abs(u)),
        _ => true,
    };

    /// <summary>Checks that the sets fit together and fills in every count the settings left open.</summary>
    public static EvaluationSettings Resolve(EvaluationInputs inputs, EvaluationSettings settings)
    {
        if (settings.DataMultiplier < 1) throw new ArgumentException("the data multiplier must be at least 1");
        var shape = inputs.Synthetic.Shape;
        foreach (var (name, set) in new (string, IDataset?)[] { ("refined", inputs.Refined), ("real test", inputs.RealTest), ("real train", inputs.RealTrain) })
            if (set is not null && set.Shape != shape)
                throw new ArgumentException($"the {name} set ({set.Spec}) has {set.Shape} images but the synthetic set has {shape}");
        if (inputs.RealTrain is not null && GazeTestSet.WhyUnmeasurable(inputs.RealTest) is { } why)
            throw new ArgumentException($"real training images only train the oracle gaze estimator, but {why} ({inputs.RealTest.Spec}) " +
                                        "to test it on; leave the real training set out or give a labelled real test set");
        if (inputs.Synthetic.Count is long s && inputs.Refined.Count is long r && s < r)
            throw new ArgumentException($"the refined set ({r} images) is larger than the synthetic set it was refined from ({s})");

        long available = Math.Min(inputs.Refined.Count ?? long.MaxValue, inputs.Synthetic.Count ?? long.MaxValue);
        RequireSameEyes(inputs.Synthetic, inputs.Refined, available);
        if (available == long.MaxValue && settings.TrainImages is null)
            throw new ArgumentException("with endless synthetic and refined sets, say how many training images to use");
        long trainImages = settings.TrainImages ?? available / settings.DataMultiplier;
        if (trainImages < 1)
            throw new ArgumentException($"{available} refined images are too few for a data multiplier of {settings.DataMultiplier}");
        if (trainImages * settings.DataMultiplier > available)
            throw new ArgumentException($"{settings.DataMultiplier}× {trainImages} training images need {trainImages * settings.DataMultiplier} " +
                                        $"refined images, but only {available} are there");
        long testImages = ImageTensors.Usable(inputs.RealTest, settings.TestImages);
        if (testImages < 1) throw new ArgumentException($"the real test set ({inputs.RealTest.Spec}) has no images");
        // The realism stages come after the gaze estimators' minutes of training: check their inputs now.
        RealismTest.ImagesPerSet(inputs.RealTest, inputs.Synthetic, settings.Realism);
        RealismTest.ImagesPerSet(inputs.RealTest, inputs.Refined, settings.Realism);
        return settings with
        {
            TrainImages = trainImages,
            TestImages = testImages,
            LabelPairs = settings.LabelPairs ?? trainImages,
        };
    }
}
