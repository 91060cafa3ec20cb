using System.CommandLine;
using System.Diagnostics;
using SimGan.Cli.Composition;
using SimGan.Cli.Runs;
using SimGan.Cli.Terminal;
using SimGan.Core.Training;
using SimGan.Evaluation;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Report;

namespace SimGan.Cli.Commands;

/// <summary>
/// <c>simgan demo</c>: the paper's experiment on built-in data, end to end. Simulate labelled synthetic eyes, train a
/// refiner against unlabelled camera-like eyes, refine the synthetic set, and measure whether a gaze estimator trained
/// on the refined images does better on camera-like test eyes than one trained on the raw ones.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Demo folder: run/, refined/, report.json, report.html", DefaultValueFactory = _ => "runs/demo" };
        var trainImages = new Option<long>("--train-images") { Description = "Synthetic images to refine and to train the gaze estimators on", DefaultValueFactory = _ => DemoPlan.Default.TrainImages };
        var testImages = new Option<long>("--test-images") { Description = "Camera-like test images for the gaze estimators", DefaultValueFactory = _ => DemoPlan.Default.TestImages };
        var gazeSteps = new Option<int>("--gaze-steps") { Description = "Training steps of each gaze estimator", DefaultValueFactory = _ => DemoPlan.Default.GazeSteps };
        var realismSteps = new Option<int>("--realism-steps") { Description = "Training steps of each realism classifier", DefaultValueFactory = _ => DemoPlan.Default.RealismSteps };
        var refinerImages = new Option<long?>("--refiner-images") { Description = "Synthetic images the refiner trains on (default: the --train-images it refines; 0: the simulator's endless stream, whose first images are the refined ones)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var onCollapse = TrainCommand.OnCollapseOption();
        var engine = new Option<string>("--engine") { Description = "cluster: a single-node cluster (actors, SQLite snapshots); local: the reference loop. Same weights either way", DefaultValueFactory = _ => "cluster" };
        engine.AcceptOnlyFromAmong("cluster", "local");
        var training = new TrainingOptionSet();
        var command = new Command("demo", "Simulate, train a refiner, refine, evaluate and write a report, on built-in data")
        {
            output, trainImages, testImages, refinerImages, gazeSteps, realismSteps, quiet, engine, onCollapse,
        };
        training.AddTo(command);
        command.SetAction((p, cancel) => Task.FromResult(CliErrors.Guard(() =>
        {
            var options = training.Resolve(p, DemoPlan.Default.Training);
            try { options.Validate(); } catch (ArgumentException ex) { throw new UserError(ex.Message); }
            var plan = new DemoPlan(options, p.GetValue(trainImages), p.GetValue(testImages), p.GetValue(gazeSteps), p.GetValue(realismSteps))
            {
                RefinerImages = p.GetValue(refinerImages),
                Watch = new RunWatchOptions { OnCollapse = p.GetValue(onCollapse) ?? RunWatchOptions.Stop },
            };
            plan.Watch.Validate();
            if (plan.RefinerImages is < 0) throw new UserError("--refiner-images must be 0 (endless) or a count");
            return Run(p.GetValue(output)!, plan, p.GetValue(engine)!, p.GetValue(quiet), cancel);
        })));
        return command;
    }

    static int Run(string root, DemoPlan plan, string engine, bool quiet, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var run = new RunFolder(Path.Combine(root, "run"));
        if (run.HasRun) throw new UserError($"{root} already holds a demo; choose another --out or delete it");
        ulong seed = plan.Training.Seed;
        // Three independent draws: the synthetic training set, the unlabelled camera images the refiner learns from,
        // and the labelled camera test set that only evaluation touches.
        // Each spec names its own seed, so the report's sources and the refined folder's manifest reopen exactly these
        // images in `simgan evaluate`, whatever its own --seed.
        var synthetic = Datasets.Open($"eyes-synthetic:{plan.TrainImages}?seed={seed}");
        // The simulator renders any number of images; the refiner may learn from more of them than are refined.
        // Image i is the same in either spec, so the refined set is a prefix of what the refiner saw.
        long refinerImages = plan.RefinerImages ?? plan.TrainImages;
        var refinerSynthetic = Datasets.Open((refinerImages == 0 ? "eyes-synthetic" : $"eyes-synthetic:{refinerImages}") + $"?seed={seed}");
        var realUnlabelled = Datasets.Open($"eyes-real?seed={seed + 1}");
        var realTest = Datasets.Open($"eyes-real:{plan.TestImages}?seed={seed + 2}");
        void Stage(string name) { if (!quiet) Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}"); }

        Stage("1/3 training the refiner");
        var config = new RunConfig(refinerSynthetic.Spec, realUnlabelled.Spec, plan.Training) { Watch = plan.Watch };
        if (engine == "local") TrainCommand.Train(config, run, resume: false, quiet, strict: false, cancel);
        else ClusterTraining.RunAsync(config with { RunId = Guid.NewGuid().ToString("N") }, run, quiet, strict: false,
                                      ClusterOptionSet.SingleNode(run.Root), admin: null, discriminators: 1, cancel).GetAwaiter().GetResult();
        if (cancel.IsCancellationRequested) return CliErrors.Interrupted;

        Stage("2/3 refining the synthetic set");
        string refinedDir = Path.Combine(root, "refined");
        using (var model = Datasets.LoadRefiner(run.RefinerExport))
        {
            Datasets.RequireFit(model, synthetic);
            ProgressReporter.Run(quiet, "refining", report =>
                Datasets.Refine(model, synthetic, refinedDir, progress: (d, t) => report($"refined {d}/{t}", (double)d / t), cancel: cancel));
        }
        if (cancel.IsCancellationRequested) return CliErrors.Interrupted;
        var refined = Datasets.Open($"folder:{refinedDir}");
        var (baseline, baselineNote) = EvaluationBaseline.For(synthetic, refined);
        if (baselineNote is not null && !quiet) Console.WriteLine($"note: {baselineNote}");

        Stage("3/3 evaluating: gaze estimators, realism tests, label check");
        var inputs = new EvaluationInputs(baseline, refined, realTest, MetricsJsonlPath: run.Metrics);
        var results = ProgressReporter.Run(quiet, "evaluating", report => Evaluator.Run(inputs, plan.Evaluation, root, report));

        // The demo's real test set is the labelled eyes-real generator, so its gaze rows are always measured.
        var s = (results.SyntheticGaze ?? throw new InvalidOperationException(results.GazeSkippedReason)).Result;
        var r = (results.RefinedGaze ?? throw new InvalidOperationException(results.GazeSkippedReason)).Result;
        Console.WriteLine($"gaze error on eyes-real: trained on synthetic {s.MeanErrorDeg:F2}°, trained on refined {r.MeanErrorDeg:F2}° " +
                          $"(ratio {r.MeanErrorDeg / s.MeanErrorDeg:F2}); within 7°: {s.WithinDeg(7):P1} → {r.WithinDeg(7):P1}");
        Console.WriteLine($"realism test accuracy (50 % = indistinguishable): synthetic vs real {results.SyntheticVsReal.Accuracy:P1}, " +
                          $"refined vs real {results.RefinedVsReal.Accuracy:P1}");
        Console.WriteLine($"pupil shift after refinement: {results.Labels.ShiftMeanPx:F2} ± {results.Labels.ShiftSdPx:F2} px");
        Console.WriteLine($"finished in {clock.Elapsed.TotalMinutes:F1} min; report: {Path.GetFullPath(Path.Combine(root, "report.html"))}");
        return 0;
    }
}

/// <summary>The demo's sizes: CPU-sized so the whole job fits in minutes on two cores (see docs/demo.md).</summary>
public sealed record DemoPlan(TrainingOptions Training, long TrainImages, long TestImages, int GazeSteps, int RealismSteps)
{
    /// <summary>How many synthetic images the refiner trains on: null for the refined ones, 0 for the simulator's endless stream.</summary>
    public long? RefinerImages { get; init; }

    public RunWatchOptions Watch { get; init; } = new();

    public static DemoPlan Default { get; } = new(
        new TrainingOptions
        {
            Preset = "cpu-gaze", Steps = 2400, BatchSize = 32, PretrainRSteps = 150, PretrainDSteps = 50, KG = 1, KD = 1,
            // λ = 3 rather than 2: on seeds 2 and 3 the judge fell from 77-79 % to 56-59 % and the pupil moved no more,
            // with the gaze ratio the same within its noise (docs/demo.md, runs al-am).
            Lambda = 3.0, BufferSize = 1024, LrR = 2e-4, LrD = 2e-4, SampleEvery = 100, CheckpointEvery = 300,
            // The camera-like eyes are equalised image by image, as MPIIGaze's are; without this stage the judge told
            // refined from camera eyes 94-99 % of the time at 2400 steps, with it 56-77 % (docs/demo.md).
            EqualizeOutput = true,
        },
        TrainImages: 3000, TestImages: 1000, GazeSteps: new GazeTrainingOptions().Steps, RealismSteps: 300);

    public EvaluationSettings Evaluation => new()
    {
        Seed = (int)(Training.Seed & 0x7FFFFFFF),
        Gaze = new GazeTrainingOptions { Steps = GazeSteps },
        Realism = new SimGan.Evaluation.Realism.RealismTestOptions { Steps = RealismSteps },
    };
}
