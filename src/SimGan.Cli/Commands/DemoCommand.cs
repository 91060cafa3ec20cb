using System.CommandLine;
using System.Diagnostics;
using SimGan.Cli.Composition;
using SimGan.Cli.Runs;
using SimGan.Cli.Terminal;
using SimGan.Core.Training;
using SimGan.Evaluation;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Report;
using SimGan.Core.Runtime;
using TorchSharp;

namespace SimGan.Cli.Commands;

/// <summary>
/// <c>simgan demo</c>: the paper's experiment, end to end. Simulate labelled synthetic eyes, train a refiner against
/// unlabelled real eyes (the built-in camera-like domain, or the user's photographs with --real), refine the synthetic
/// set, and measure what refinement did: realism and label preservation always, and, where the real test images have
/// gaze labels, whether a gaze estimator trained on the refined images does better on them than one trained on the raw ones.
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
        var real = new Option<string?>("--real") { Description = "Your own unlabelled real eye images (dataset spec, e.g. folder:PHOTOS) instead of the built-in camera-like domain; the training settings become docs/real-data.md's" };
        var realTest = new Option<string?>("--real-test") { Description = "With --real: held-out real images (labelled or not) for the realism test and for choosing the best checkpoint; gaze error is measured only if they carry gaze labels" };
        var selectImages = new Option<int?>("--select-images") { Description = "With --real-test: synthetic validation images each scored checkpoint refines (default 200; the mean pupil shift of 200 can miss that of thousands by 0.2 px, 1000 halves that)" };
        var simulator = new Option<string?>("--simulator") { Description = "Built-in generator of the synthetic images: eyes-synthetic or eyes-rendered (default eyes-synthetic; with --real, eyes-rendered)" };
        var engine = new Option<string>("--engine") { Description = "cluster: a single-node cluster (actors, SQLite snapshots); local: the reference loop. Same weights either way", DefaultValueFactory = _ => "cluster" };
        engine.AcceptOnlyFromAmong("cluster", "local");
        var task = new Option<string>("--task") { Description = "gaze (the paper's eye experiment, built-in eyes or --real photographs) or hand (its hand-pose experiment on built-in depth hands; docs/hand.md)", DefaultValueFactory = _ => "gaze" };
        task.AcceptOnlyFromAmong("gaze", "hand");
        var multiplier = new Option<int>("--data-multiplier") { Description = "With --task hand: refine K × --train-images images and train two more pose estimators on all of them (the paper's 3× row)", DefaultValueFactory = _ => 1 };
        var poseSteps = new Option<int>("--pose-steps") { Description = "With --task hand: training steps of each pose estimator (the label check's estimator of both looks takes twice as many)", DefaultValueFactory = _ => DemoPlan.Hands.PoseSteps };
        var device = new Option<string?>("--device") { Description = ComputeDevice.Help + "; training, refining and the evaluation's networks" };
        var training = new TrainingOptionSet();
        var command = new Command("demo", "Simulate, train a refiner, refine, evaluate and write a report, on built-in data")
        {
            output, real, realTest, selectImages, simulator, trainImages, testImages, refinerImages, gazeSteps, realismSteps, quiet, engine, onCollapse, device,
            task, poseSteps, multiplier,
        };
        training.AddTo(command);
        command.SetAction((p, cancel) => Task.FromResult(CliErrors.Guard(() =>
        {
            string? realSpec = p.GetValue(real), realTestSpec = p.GetValue(realTest);
            if (realTestSpec is not null && realSpec is null) throw new UserError("--real-test goes with --real (the built-in demo has its own test set)");
            if (p.GetValue(selectImages) is not null && realTestSpec is null) throw new UserError("--select-images goes with --real-test (the held-out photographs that choose the checkpoint)");
            bool hands = p.GetValue(task) == "hand";
            if (hands && (realSpec is not null || p.GetValue(simulator) is not null))
                throw new UserError("--task hand runs on the built-in depth hands: --real and --simulator are for the gaze task");
            var basis = hands ? DemoPlan.Hands : realSpec is null ? DemoPlan.Default : DemoPlan.Photographs;
            var options = training.Resolve(p, basis.Training);
            try { options.Validate(); } catch (ArgumentException ex) { throw new UserError(ex.Message); }
            var plan = basis with
            {
                Training = options,
                TrainImages = p.GetValue(trainImages),
                TestImages = p.GetValue(testImages),
                GazeSteps = p.GetValue(gazeSteps),
                RealismSteps = p.GetValue(realismSteps),
                RefinerImages = p.GetValue(refinerImages),
                Simulator = p.GetValue(simulator) ?? basis.Simulator,
                PoseSteps = p.GetValue(poseSteps),
                DataMultiplier = p.GetValue(multiplier),
                Watch = new RunWatchOptions
                {
                    OnCollapse = p.GetValue(onCollapse) ?? RunWatchOptions.Stop,
                    // Held-out photographs choose the checkpoint; the built-in demo keeps its last one.
                    Select = realTestSpec is null ? RunWatchOptions.Last : RunWatchOptions.Best,
                    SelectReal = realTestSpec,
                    SelectImages = p.GetValue(selectImages) ?? new RunWatchOptions().SelectImages,
                },
            };
            plan.Watch.Validate();
            if (plan.RefinerImages is < 0) throw new UserError("--refiner-images must be 0 (endless) or a count");
            if (plan.DataMultiplier < 1) throw new UserError("--data-multiplier must be at least 1");
            if (!hands && plan.DataMultiplier != 1) throw new UserError("--data-multiplier is for --task hand (simgan evaluate has its own for gaze)");
            if (!hands && plan.Simulator is not ("eyes-synthetic" or "eyes-rendered"))
                throw new UserError($"--simulator must be eyes-synthetic or eyes-rendered, not '{plan.Simulator}'");
            var data = hands ? DemoData.Hands(plan) : realSpec is null ? DemoData.BuiltIn(plan) : DemoData.Photographs(plan, realSpec, realTestSpec);
            return Run(p.GetValue(output)!, plan, data, p.GetValue(engine)!, p.GetValue(quiet), CliDevices.Resolve(p.GetValue(device)), cancel);
        })));
        return command;
    }

    static int Run(string root, DemoPlan plan, DemoData data, string engine, bool quiet, torch.Device device, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var run = new RunFolder(Path.Combine(root, "run"));
        if (run.HasRun) throw new UserError($"{root} already holds a demo; choose another --out or delete it");
        var synthetic = data.Synthetic;
        void Stage(string name) { if (!quiet) Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}"); }

        Stage("1/3 training the refiner");
        var config = new RunConfig(data.RefinerSynthetic.Spec, data.Real.Spec, plan.Training) { Watch = plan.Watch };
        if (engine == "local") TrainCommand.Train(config, run, resume: false, quiet, strict: false, cancel, device);
        else ClusterTraining.RunAsync(config with { RunId = Guid.NewGuid().ToString("N") }, run, quiet, strict: false,
                                      ClusterOptionSet.SingleNode(run.Root) with { Device = device }, admin: null, workers: 1, cancel).GetAwaiter().GetResult();
        if (cancel.IsCancellationRequested) return CliErrors.Interrupted;

        Stage("2/3 refining the synthetic set");
        string refinedDir = Path.Combine(root, "refined");
        using (var model = Datasets.LoadRefiner(run.RefinerExport).PlaceOn(device, PrecisionNames.Parse(plan.Training.Precision)))
        {
            Datasets.RequireFit(model, synthetic);
            ProgressReporter.Run(quiet, "refining", report =>
                Datasets.Refine(model, synthetic, refinedDir, progress: (d, t) => report($"refined {d}/{t}", (double)d / t), cancel: cancel));
        }
        if (cancel.IsCancellationRequested) return CliErrors.Interrupted;
        var refined = Datasets.Open($"folder:{refinedDir}", shape: synthetic.Shape);
        if (plan.Task == "hand") return EvaluateHands(root, plan, data, refined, run, quiet, device, clock);
        var (baseline, baselineNote) = EvaluationBaseline.For(synthetic, refined);
        if (baselineNote is not null && !quiet) Console.WriteLine($"note: {baselineNote}");

        Stage("3/3 evaluating: gaze estimators, realism tests, label check");
        var inputs = new EvaluationInputs(baseline, refined, data.RealTest, MetricsJsonlPath: run.Metrics);
        var results = ProgressReporter.Run(quiet, "evaluating", report => Evaluator.Run(inputs, plan.Evaluation.On(device), root, report));

        string realName = data.RealTest.Spec.StartsWith("eyes-real", StringComparison.Ordinal) ? "eyes-real" : "the real test images";
        Console.WriteLine(results is { SyntheticGaze.Result: var s, RefinedGaze.Result: var r }
            ? $"gaze error on {realName}: trained on synthetic {s.MeanErrorDeg:F2}°, trained on refined {r.MeanErrorDeg:F2}° " +
              $"(ratio {r.MeanErrorDeg / s.MeanErrorDeg:F2}); within 7°: {s.WithinDeg(7):P1} → {r.WithinDeg(7):P1}"
            : $"gaze error: not measured ({results.GazeSkippedReason})");
        Console.WriteLine($"realism test accuracy (50 % = indistinguishable): synthetic vs real {Realism(results.SyntheticVsReal)}, " +
                          $"refined vs real {Realism(results.RefinedVsReal)}");
        Console.WriteLine($"pupil shift after refinement: {results.Labels.ShiftMeanPx:F2} ± {results.Labels.ShiftSdPx:F2} px" +
                          (results.Labels.DetectionFailures > 0 ? $" ({results.Labels.DetectionFailures} of {results.Labels.Pairs} pairs without a detected pupil)" : ""));
        if (data.RealTestNote is not null) Console.WriteLine($"note: {data.RealTestNote}");
        if (plan.Watch.Select == RunWatchOptions.Best && File.Exists(run.Selection))
            Console.WriteLine($"refiner: the best scored checkpoint ({run.Selection})");
        Console.WriteLine($"finished in {clock.Elapsed.TotalMinutes:F1} min; report: {Path.GetFullPath(Path.Combine(root, "report.html"))}");
        return 0;
    }

    static int EvaluateHands(string root, DemoPlan plan, DemoData data, SimGan.Data.Datasets.IDataset refined, RunFolder run, bool quiet,
                             torch.Device device, Stopwatch clock)
    {
        if (!quiet) Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] 3/3 evaluating: pose estimators, realism tests, joint shift");
        var inputs = new EvaluationInputs(data.Synthetic, refined, data.RealTest, MetricsJsonlPath: run.Metrics);
        var r = ProgressReporter.Run(quiet, "evaluating", report =>
            SimGan.Evaluation.Pose.HandEvaluator.Run(inputs, plan.HandEvaluation.On(device), root, (stage, fraction) => report(stage, fraction)));
        Console.WriteLine($"joints within 5 px on {data.RealTest.Spec}: trained on synthetic {r.Synthetic.Result.WithinPx(5):P1}, " +
                          $"trained on refined {r.Refined.Result.WithinPx(5):P1} (mean error {r.Synthetic.Result.MeanErrorPx:F2} → {r.Refined.Result.MeanErrorPx:F2} px)");
        if (r is { SyntheticMultiplied: { } sk, RefinedMultiplied: { } rk })
            Console.WriteLine($"with {plan.DataMultiplier}× the images: trained on synthetic {sk.Result.WithinPx(5):P1}, trained on refined {rk.Result.WithinPx(5):P1}");
        Console.WriteLine($"realism test accuracy (50 % = indistinguishable): synthetic vs real {Realism(r.SyntheticVsReal)}, refined vs real {Realism(r.RefinedVsReal)}");
        string perfect = r.Labels.PerfectRefiner is { } p ? $"; a perfect refiner reads {p.MeanPx:F2} px" : "";
        Console.WriteLine($"joint shift after refinement: {r.Labels.Refined.MeanPx:F2} ± {r.Labels.Refined.SdPx:F2} px " +
                          $"(estimator of both looks{perfect}; estimator of synthetic images only: {r.Labels.BySyntheticEstimator.MeanPx:F2} px)");
        Console.WriteLine($"finished in {clock.Elapsed.TotalMinutes:F1} min; report: {Path.GetFullPath(Path.Combine(root, "report.html"))}");
        return 0;
    }

    static string Realism(SimGan.Evaluation.Realism.RealismResult r) =>
        r.Folds > 1 ? $"{r.Accuracy:P1} [{r.CiLow:P0}, {r.CiHigh:P0}] ({r.Tested} images, {r.Folds} folds)" : $"{r.Accuracy:P1}";
}
