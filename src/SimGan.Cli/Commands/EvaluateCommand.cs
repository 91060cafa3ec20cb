using System.CommandLine;
using System.Diagnostics;
using SimGan.Cli.Composition;
using SimGan.Data.Datasets;
using SimGan.Evaluation;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Realism;

namespace SimGan.Cli.Commands;

/// <summary>
/// <c>simgan evaluate</c>: does refinement help? Trains gaze estimators on synthetic and on refined images, tests them
/// on real ones, runs the realism test and the label check, and writes DIR/report.json and DIR/report.html. Real test
/// images without gaze labels get the realism test and the label check only.
/// </summary>
public static class EvaluateCommand
{
    /// <param name="openDataset">Opens a dataset spec (DatasetSpec.Open in the CLI).</param>
    /// <param name="refineWithModel">
    /// For <c>--model RUN</c>: refines the synthetic set with the run's refiner into the given folder and opens the
    /// result. Without it, <c>--model</c> is refused and <c>--refined</c> is required.
    /// </param>
    public static Command Create(Func<string, IDataset> openDataset,
        Func<string, IDataset, string, RefinerPlacement, IDataset>? refineWithModel = null)
    {
        var defaults = new EvaluationSettings();
        var synthetic = new Option<string>("--synthetic") { Description = "Labelled synthetic images (dataset spec; built-in generators use seed 1 unless the spec names one, e.g. eyes-synthetic:3000?seed=2)", Required = true };
        var refined = new Option<string?>("--refined") { Description = "The same images refined, same order and labels (dataset spec)" };
        var model = new Option<string?>("--model") { Description = "A training run (or refiner file) to refine --synthetic with, instead of --refined" };
        var realTest = new Option<string>("--real-test") { Description = "Real test images (dataset spec); without gaze labels the gaze rows are skipped and only realism and label preservation are measured", Required = true };
        var realTrain = new Option<string?>("--real-train") { Description = "Labelled real training images for the oracle row (dataset spec; needs a gaze-labelled --real-test)" };
        var output = new Option<string>("--out") { Description = "Folder for report.json and report.html", Required = true };
        var metrics = new Option<string?>("--metrics") { Description = "metrics.jsonl of the refiner's run, for the loss curves (default: RUN/metrics.jsonl with --model)" };
        var seed = new Option<int>("--seed") { Description = "Seed of every network and shuffle", DefaultValueFactory = _ => defaults.Seed };
        var multiplier = new Option<int>("--data-multiplier") { Description = "K of the \"K×\" rows: also train on K times as many images", DefaultValueFactory = _ => 1 };
        var trainImages = new Option<long?>("--train-images") { Description = "Training images of the 1× rows (default: refined count / K)" };
        var testImages = new Option<long?>("--test-images") { Description = "Real test images the gaze estimators are tested on (default: all)" };
        var gazeSteps = new Option<int>("--gaze-steps") { Description = "Training steps of each gaze estimator", DefaultValueFactory = _ => defaults.Gaze.Steps };
        var gazeBatch = new Option<int>("--gaze-batch-size") { Description = "Batch size of the gaze estimators", DefaultValueFactory = _ => defaults.Gaze.BatchSize };
        var gazeLr = new Option<double>("--gaze-lr") { Description = "Adam learning rate of the gaze estimators", DefaultValueFactory = _ => defaults.Gaze.LearningRate };
        var gazeWidth = new Option<double>("--gaze-width") { Description = "Width multiplier of the gaze CNN (1 = the paper's)", DefaultValueFactory = _ => defaults.Gaze.Network.WidthMultiplier };
        var realismSteps = new Option<int>("--realism-steps") { Description = "Training steps of each realism classifier", DefaultValueFactory = _ => defaults.Realism.Steps };
        var realismImages = new Option<long>("--realism-images") { Description = "Images of each set in the realism test, at most (with 1 fold half train, half test; with K folds every one is tested)", DefaultValueFactory = _ => defaults.Realism.ImagesPerSet };
        var realismFolds = new Option<int>("--realism-folds") { Description = "Folds of the realism test: 1 = one classifier trained on half of each set and tested on the other half; K >= 2 = K-fold cross-validation, K classifiers so that every image is tested once (K times the training)", DefaultValueFactory = _ => defaults.Realism.Folds };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output" };
        var device = new Option<string?>("--device") { Description = SimGan.Core.Runtime.ComputeDevice.Help + "; --model's refiner, the gaze estimators and the realism classifiers" };
        var precision = new Option<string>("--precision") { Description = "Number format of --model's refiner: fp32, bf16 or fp16", DefaultValueFactory = _ => "fp32" };

        var command = new Command("evaluate", "Measure whether refinement helps: gaze error on real images (when they are labelled), realism test, label preservation")
        {
            synthetic, refined, model, realTest, realTrain, output, metrics, seed, multiplier, trainImages, testImages,
            gazeSteps, gazeBatch, gazeLr, gazeWidth, realismSteps, realismImages, realismFolds, quiet, device, precision,
        };
        command.SetAction(parse =>
        {
            try
            {
                string outDir = parse.GetValue(output)!;
                // Opened first: refining with --model can take minutes, and a bad real set should stop us before that.
                var realTestSet = openDataset(parse.GetValue(realTest)!);
                var realTrainSet = parse.GetValue(realTrain) is { } realTrainSpec ? openDataset(realTrainSpec) : null;
                if (realTrainSet is not null && GazeTestSet.WhyUnmeasurable(realTestSet) is { } why)
                    throw new ArgumentException($"--real-train needs a gaze-labelled --real-test, but {why} ({realTestSet.Spec}); " +
                                                "leave --real-train out");
                var syntheticSet = openDataset(parse.GetValue(synthetic)!);
                string? modelPath = parse.GetValue(model);
                var placement = new RefinerPlacement(parse.GetValue(device), parse.GetValue(precision)!);
                IDataset refinedSet = (parse.GetValue(refined), modelPath) switch
                {
                    ({ } spec, null) => openDataset(spec),
                    (null, { } run) when refineWithModel is not null => refineWithModel(run, syntheticSet, Path.Combine(outDir, "refined"), placement),
                    (null, { }) => throw new ArgumentException("--model is not available here; refine first and pass --refined"),
                    (null, null) => throw new ArgumentException("give either --refined SPEC or --model RUN"),
                    _ => throw new ArgumentException("give --refined or --model, not both"),
                };
                (syntheticSet, string? baselineNote) = EvaluationBaseline.For(syntheticSet, refinedSet);
                string? metricsPath = parse.GetValue(metrics)
                    ?? (modelPath is not null && Directory.Exists(modelPath) ? Path.Combine(modelPath, "metrics.jsonl") : null);
                var inputs = new EvaluationInputs(syntheticSet, refinedSet, realTestSet, realTrainSet, metricsPath);
                var settings = (defaults with
                {
                    Seed = parse.GetValue(seed),
                    DataMultiplier = parse.GetValue(multiplier),
                    TrainImages = parse.GetValue(trainImages),
                    TestImages = parse.GetValue(testImages),
                    Gaze = defaults.Gaze with
                    {
                        Steps = parse.GetValue(gazeSteps),
                        BatchSize = parse.GetValue(gazeBatch),
                        LearningRate = parse.GetValue(gazeLr),
                        Network = GazeEstimatorOptions.Cpu with
                        {
                            WidthMultiplier = parse.GetValue(gazeWidth),
                            HiddenUnits = Math.Max(1, (int)Math.Round(1000 * parse.GetValue(gazeWidth))),
                        },
                    },
                    Realism = defaults.Realism with
                    {
                        Steps = parse.GetValue(realismSteps),
                        ImagesPerSet = parse.GetValue(realismImages),
                        Folds = parse.GetValue(realismFolds),
                    },
                }).On(placement.ResolveDevice());
                var results = Evaluator.Run(inputs, settings, outDir, StageLines(parse.GetValue(quiet)));
                Console.WriteLine(results is { SyntheticGaze: { } s, RefinedGaze: { } r }
                    ? $"gaze error on real images: synthetic-trained {s.Result.MeanErrorDeg:F2}°, refined-trained {r.Result.MeanErrorDeg:F2}°"
                    : $"gaze error on real images: not measured ({results.GazeSkippedReason})");
                Console.WriteLine($"realism accuracy: synthetic vs real {results.SyntheticVsReal.Accuracy:P1}, refined vs real {results.RefinedVsReal.Accuracy:P1}");
                Console.WriteLine($"pupil shift: {results.Labels.ShiftMeanPx:F2} ± {results.Labels.ShiftSdPx:F2} px");
                // With the figures, not before them: a run that stops on bad input says one line and nothing else.
                if (baselineNote is not null) Console.WriteLine($"note: {baselineNote}");
                Console.WriteLine($"report: {Path.GetFullPath(Path.Combine(outDir, "report.html"))}");
                return 0;
            }
            // A damaged checkpoint given to --model is input the user can replace, like a damaged image.
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or DatasetException or BadSampleException or FileNotFoundException
                                       or Core.Checkpoints.CorruptCheckpointException)
            {
                Console.Error.WriteLine($"simgan: {ex.Message.Split('\n')[0].TrimEnd()}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>One line per finished stage on stderr, only for a person at a terminal.</summary>
    static Action<string, double>? StageLines(bool quiet)
    {
        if (quiet || Console.IsErrorRedirected) return null;
        var clock = Stopwatch.StartNew();
        string? lastFinished = null;
        return (stage, fraction) =>
        {
            if (fraction < 1 || stage == lastFinished) return;
            lastFinished = stage;
            Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {stage} done");
        };
    }
}
