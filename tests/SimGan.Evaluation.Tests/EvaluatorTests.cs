using System.Text.Json.Nodes;
using Json.Schema;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests;

public class EvaluatorTests
{
    static readonly EyeStyle Camera = EyeStyle.Clean with { Noise = 0.06f };

    static readonly EvaluationSettings Tiny = new()
    {
        Seed = 3,
        DataMultiplier = 2,
        Gaze = new GazeTrainingOptions { Steps = 8, BatchSize = 8 },
        Realism = new RealismTestOptions { Steps = 8, BatchSize = 8, Width = 4, ImagesPerSet = 32 },
        SampleTriples = 3,
    };

    [Fact]
    public void End_to_end_run_writes_a_valid_report_with_every_row()
    {
        var synthetic = new RenderedEyes(64, seed: 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, new NoisyCopy(synthetic, 0.06f),
            RealTest: new RenderedEyes(32, seed: 9, Camera), RealTrain: new RenderedEyes(32, seed: 8, Camera));
        using var folder = new TempDirectory();
        var startedStages = new List<string>();

        var results = Evaluator.Run(inputs, Tiny, folder.Path, (stage, done) => { if (done == 0) startedStages.Add(stage); });

        var report = JsonNode.Parse(File.ReadAllText(folder.File("report.json")))!;
        var validation = JsonSchema.FromText(ReportSchema.Text()).Evaluate(report);
        Assert.True(validation.IsValid);
        Assert.True(report["gaze_measured"]!.GetValue<bool>());
        Assert.Null(report["gaze_skipped_reason"]);
        Assert.Equal(32, report["config"]!["train_images"]!.GetValue<long>());
        Assert.Equal(64, report["gaze"]!["refined_kx"]!["train_images"]!.GetValue<long>());
        Assert.Equal(32, report["gaze"]!["real"]!["test_images"]!.GetValue<int>());
        Assert.Equal(32, report["realism"]!["refined_vs_real"]!["tested"]!.GetValue<int>());
        Assert.Equal(32, results.Labels.Pairs);
        Assert.True(results.Labels.ShiftMeanPx < 0.5, $"noise alone moved pupils {results.Labels.ShiftMeanPx:F2} px");
        Assert.Equal(
            ["gaze: synthetic", "gaze: refined", "gaze: synthetic 2×", "gaze: refined 2×", "gaze: real",
             "realism: synthetic vs real", "realism: refined vs real", "labels", "report"],
            startedStages);
        Assert.Equal(startedStages, report["timings_s"]!.AsObject().Select(p => p.Key));
        Assert.Equal(startedStages, Evaluator.Stages(inputs, Tiny));
        Assert.Contains("Refined synthetic data 2×", File.ReadAllText(folder.File("report.html")));
    }

    [Fact]
    public void An_unlabelled_real_test_set_skips_every_gaze_stage_and_the_report_says_why()
    {
        var synthetic = new RenderedEyes(64, seed: 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, new NoisyCopy(synthetic, 0.06f),
            RealTest: Relabelled.WithoutLabels(new RenderedEyes(32, seed: 9, Camera)));
        using var folder = new TempDirectory();
        var startedStages = new List<string>();

        var results = Evaluator.Run(inputs, Tiny, folder.Path, (stage, done) => { if (done == 0) startedStages.Add(stage); });

        var report = JsonNode.Parse(File.ReadAllText(folder.File("report.json")))!;
        Assert.True(JsonSchema.FromText(ReportSchema.Text()).Evaluate(report).IsValid);
        Assert.False(report["gaze_measured"]!.GetValue<bool>());
        Assert.Equal(GazeTestSet.NoGazeLabels, report["gaze_skipped_reason"]!.GetValue<string>());
        // Every gaze key is still there, K× ones included (Tiny has K = 2), each null.
        Assert.Equal(["synthetic", "refined", "real", "synthetic_kx", "refined_kx"], report["gaze"]!.AsObject().Select(p => p.Key));
        Assert.All(report["gaze"]!.AsObject(), row => Assert.Null(row.Value));
        Assert.Null(results.SyntheticGaze);
        Assert.False(results.GazeMeasured);
        Assert.Equal(["realism: synthetic vs real", "realism: refined vs real", "labels", "report"], startedStages);
        Assert.Equal(startedStages, Evaluator.Stages(inputs, Tiny));
        Assert.Equal(startedStages, report["timings_s"]!.AsObject().Select(p => p.Key));
        Assert.Equal(32, report["realism"]!["refined_vs_real"]!["tested"]!.GetValue<int>());
        Assert.Equal(32, results.Labels.Pairs);
        string html = File.ReadAllText(folder.File("report.html"));
        Assert.Contains("the real test set has no gaze labels: realism and label preservation are measured, " +
                        "gaze error needs a labelled real test set", html);
        Assert.DoesNotContain("Cumulative error on real test images", html);
    }

    [Fact]
    public void A_real_training_set_beside_an_unlabelled_real_test_set_is_refused_before_any_training()
    {
        var synthetic = new RenderedEyes(16, 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, synthetic, Relabelled.WithoutLabels(new RenderedEyes(8, 2, Camera)),
            RealTrain: new RenderedEyes(8, 3, Camera));
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Resolve(inputs, Tiny));
        Assert.Contains("no gaze labels", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Evaluator.Resolve(inputs with { RealTrain = null }, Tiny);
    }

    [Fact]
    public void A_realism_test_with_more_folds_than_images_is_refused_before_any_training()
    {
        var synthetic = new RenderedEyes(64, 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, synthetic, new RenderedEyes(32, 2, Camera));
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Resolve(inputs, Tiny with { Realism = Tiny.Realism with { Folds = 33 } }));
        Assert.Contains("33-fold", error.Message);
        Evaluator.Resolve(inputs, Tiny with { Realism = Tiny.Realism with { Folds = 32 } });
    }

    [Fact]
    public void Overall_progress_rises_through_the_stages_to_one()
    {
        var stages = new[] { "gaze: synthetic", "realism: refined vs real", "report" };
        var seen = new List<double>();
        var overall = Evaluator.OverallProgress(stages, (_, fraction) => seen.Add(fraction));
        overall("gaze: synthetic", 0);
        overall("gaze: synthetic", 0.5);
        overall("gaze: synthetic", 1);
        overall("realism: refined vs real", 0.5);
        overall("report", 1);
        Assert.Equal(0.0, seen[0]);
        Assert.Equal(2.0 / 6.25, seen[1], 1e-9);
        Assert.Equal(4.0 / 6.25, seen[2], 1e-9);
        Assert.Equal(5.0 / 6.25, seen[3], 1e-9);
        Assert.Equal(1.0, seen[4], 1e-9);
    }

    [Fact]
    public void Sets_of_different_shapes_are_refused_before_any_training()
    {
        var synthetic = new RenderedEyes(8, 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, synthetic, new RenderedEyes(8, 2, EyeStyle.Clean, height: 36, width: 60));
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Resolve(inputs, Tiny));
        Assert.Contains("real test", error.Message);
    }

    [Fact]
    public void A_refined_set_of_other_eyes_is_refused_before_any_training()
    {
        // The same generator under another seed: same size and shapes, other eyes. Every pupil shift would compare
        // two different eyes.
        var synthetic = new RenderedEyes(40, seed: 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, new NoisyCopy(new RenderedEyes(40, seed: 2, EyeStyle.Clean), 0.06f), synthetic);
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Resolve(inputs, Tiny));
        Assert.Contains("not the same eyes", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Evaluator.Resolve(inputs with { Refined = new NoisyCopy(synthetic, 0.06f) }, Tiny);
    }

    [Fact]
    public void A_multiplier_needing_more_refined_images_than_exist_is_refused()
    {
        var synthetic = new RenderedEyes(100, 1, EyeStyle.Clean);
        var inputs = new EvaluationInputs(synthetic, synthetic, synthetic);
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Resolve(inputs, Tiny with { DataMultiplier = 4, TrainImages = 30 }));
        Assert.Contains("120", error.Message);
    }

    [Fact]
    public void Defaults_split_the_refined_set_by_the_multiplier()
    {
        var synthetic = new RenderedEyes(100, 1, EyeStyle.Clean);
        var resolved = Evaluator.Resolve(new EvaluationInputs(synthetic, synthetic, new RenderedEyes(30, 2, EyeStyle.Clean)),
            Tiny with { DataMultiplier = 4 });
        Assert.Equal(25, resolved.TrainImages);
        Assert.Equal(30, resolved.TestImages);
        Assert.Equal(25, resolved.LabelPairs);
    }
}
