using System.CommandLine;
using System.Diagnostics;
using SimGan.Cli.Runs;
using SimGan.Cli.Terminal;
using SimGan.Core.Checkpoints;
using SimGan.Core.Export;
using SimGan.Core.Training;
using SimGan.Data.Datasets;
using SimGan.Data.Feeding;
using SimGan.Data.Refining;
using SimGan.Evaluation.Gaze;

namespace SimGan.Cli.Commands;

/// <summary>
/// <c>simgan demo</c>: the paper's experiment on built-in data, end to end. Simulate labelled synthetic eyes, train a
/// refiner against unlabelled camera-like eyes, refine the synthetic set, and measure whether a gaze estimator trained
/// on the refined images does better on real-looking test eyes than one trained on the raw ones.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Demo folder (run, refined images, report)", DefaultValueFactory = _ => "runs/demo" };
        var trainImages = new Option<long>("--train-images") { Description = "Synthetic images to refine and train gaze estimators on", DefaultValueFactory = _ => 4000 };
        var testImages = new Option<long>("--test-images") { Description = "Real-looking test images for the gaze estimators", DefaultValueFactory = _ => 1000 };
        var gazeSteps = new Option<int>("--gaze-steps") { Description = "Training steps of each gaze estimator", DefaultValueFactory = _ => 600 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var training = new TrainingOptionSet();
        var command = new Command("demo", "Simulate, train a refiner, refine, evaluate and write a report, on built-in data")
        {
            output, trainImages, testImages, gazeSteps, quiet,
        };
        training.AddTo(command);
        command.SetAction((p, cancel) => Task.FromResult(CliErrors.Guard(() =>
        {
            var options = training.Resolve(p, DemoDefaults);
            try { options.Validate(); } catch (ArgumentException ex) { throw new UserError(ex.Message); }
            return Run(p.GetValue(output)!, options, p.GetValue(trainImages), p.GetValue(testImages), p.GetValue(gazeSteps),
                       p.GetValue(quiet), cancel);
        })));
        return command;
    }

    /// <summary>CPU-sized refiner training for the demo; see docs/demo.md for how these were chosen.</summary>
    public static TrainingOptions DemoDefaults { get; } = new()
    {
        Preset = "cpu-gaze", Steps = 900, BatchSize = 32, PretrainRSteps = 150, PretrainDSteps = 50, KG = 2, KD = 1,
        Lambda = 0.5, BufferSize = 1024, LrR = 1e-3, LrD = 1e-3, SampleEvery = 100, CheckpointEvery = 300,
    };

    static int Run(string root, TrainingOptions options, long trainCount, long testCount, int gazeSteps, bool quiet, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var run = new RunFolder(Path.Combine(root, "run"));
        if (run.HasRun) throw new UserError($"{root} already holds a demo; choose another --out or delete it");
        ulong seed = options.Seed;
        var synthetic = DatasetSpec.Open($"eyes-synthetic:{trainCount}", new DatasetOptions(Seed: seed));
        var realUnlabelled = DatasetSpec.Open("eyes-real", new DatasetOptions(Seed: seed + 1));
        var realTest = DatasetSpec.Open($"eyes-real:{testCount}", new DatasetOptions(Seed: seed + 2));

        Stage("1/4 training the refiner");
        var config = new RunConfig(synthetic.Spec, realUnlabelled.Spec, options);
        run.Create();
        config.Save(run.Config);
        using (var recorder = new RunRecorder(run))
        using (var trainer = new LocalTrainer(options, synthetic, realUnlabelled, new CheckpointDirectory(run.Checkpoints),
                   feeds: (source, plan) => new PrefetchingBatchFeed(source, plan)))
        {
            ProgressReporter.Run(quiet, "training the refiner", report =>
            {
                recorder.OnStepCallback = r => report($"refiner {r.Phase} step {r.Step + 1}/{options.Steps}", (r.Step + 1.0) / options.Steps);
                trainer.Run(recorder, cancel);
                return 0;
            });
            RefinerExport.Save(run.RefinerExport, trainer.Model.Refiner);
        }
        if (cancel.IsCancellationRequested) return CliErrors.Interrupted;

        Stage("2/4 refining the synthetic set");
        string refinedDir = Path.Combine(root, "refined");
        using (var model = RefinerModel.Load(run.RefinerExport))
        {
            ProgressReporter.Run(quiet, "refining", report =>
                new DatasetRefinement(synthetic, refinedDir, model.Checksum).Run(model.Refine, (d, t) => report($"refined {d}/{t}", (double)d / t), cancel));
        }
        var refined = DatasetSpec.Open($"folder:{refinedDir}", new DatasetOptions(Seed: seed));

        Stage("3/4 gaze estimators");
        var gaze = new GazeTrainingOptions { Seed = (int)seed, Steps = gazeSteps };
        var onSynthetic = GazeTrainer.Test(GazeTrainer.Train(synthetic, gaze), realTest);
        var onRefined = GazeTrainer.Test(GazeTrainer.Train(refined, gaze), realTest);
        Console.WriteLine($"gaze error on eyes-real: synthetic-trained {onSynthetic.MeanErrorDeg:F2}°, refined-trained {onRefined.MeanErrorDeg:F2}° " +
                          $"(ratio {onRefined.MeanErrorDeg / onSynthetic.MeanErrorDeg:F3}); within 7°: {onSynthetic.WithinDeg(7):P1} → {onRefined.WithinDeg(7):P1}");
        Console.WriteLine($"elapsed {clock.Elapsed.TotalMinutes:F1} min");
        return 0;

        void Stage(string name) { if (!quiet) Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}"); }
    }
}
