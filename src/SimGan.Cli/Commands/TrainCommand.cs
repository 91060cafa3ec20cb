using System.CommandLine;
using SimGan.Cli.Runs;
using SimGan.Cli.Terminal;
using SimGan.Core.Checkpoints;
using SimGan.Core.Export;
using SimGan.Core.Training;
using SimGan.Data.Datasets;

namespace SimGan.Cli.Commands;

/// <summary><c>simgan train</c>: trains a refiner and writes a run folder.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var engine = new Option<string>("--engine") { Description = "local: the single-process reference trainer", DefaultValueFactory = _ => "local" };
        var synthetic = new Option<string?>("--synthetic") { Description = "Labelled simulator images, a dataset spec (e.g. eyes-synthetic, folder:PATH)" };
        var real = new Option<string?>("--real") { Description = "Unlabelled real images, a dataset spec (e.g. eyes-real, folder:PATH)" };
        var output = new Option<string>("--out") { Description = "Run folder (config, metrics, samples, checkpoints, refiner export)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its newest valid checkpoint" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad sample instead of skipping it" };
        var training = new TrainingOptionSet();

        var command = new Command("train", "Train a SimGAN refiner (pretrain R, pretrain D, then the adversarial loop)")
        {
            engine, synthetic, real, output, resume, quiet, strict,
        };
        training.AddTo(command);
        command.SetAction((p, cancel) => Task.FromResult(CliErrors.Guard(() =>
        {
            if (p.GetValue(engine) != "local")
                throw new UserError($"--engine {p.GetValue(engine)} is not available in this build; use --engine local");
            var run = new RunFolder(p.GetValue(output)!);
            RunConfig config;
            if (p.GetValue(resume))
            {
                if (!run.HasRun) throw new UserError($"--resume: {run.Root} holds no run (no config.json)");
                var saved = RunConfig.Load(run.Config);
                if ((p.GetValue(synthetic) ?? saved.Synthetic) != saved.Synthetic || (p.GetValue(real) ?? saved.Real) != saved.Real)
                    throw new UserError("--resume continues the saved run: the datasets cannot change");
                config = saved with { Training = training.ResolveForResume(p, saved.Training) };
            }
            else
            {
                if (run.HasRun) throw new UserError($"{run.Root} already holds a run; use --resume to continue it or choose another --out");
                config = new RunConfig(
                    p.GetValue(synthetic) ?? throw new UserError("--synthetic is required (for example --synthetic eyes-synthetic)"),
                    p.GetValue(real) ?? throw new UserError("--real is required (for example --real eyes-real)"),
                    training.Resolve(p));
            }
            try { config.Training.Validate(); }
            catch (ArgumentException ex) { throw new UserError(ex.Message); }
            return Train(config, run, p.GetValue(resume), p.GetValue(quiet), p.GetValue(strict), cancel);
        })));
        return command;
    }

    public static int Train(RunConfig config, RunFolder run, bool resume, bool quiet, bool strict, CancellationToken cancel)
    {
        var options = config.Training;
        var synthetic = Composition.Datasets.Open(config.Synthetic, options.Seed, strict);
        var real = Composition.Datasets.Open(config.Real, options.Seed + 1, strict, synthetic.Shape.Channels);
        DatasetSpec.EnsureCompatible(synthetic, real);

        run.Create();
        config.Save(run.Config);
        using var trainer = new LocalTrainer(options, synthetic, real, new CheckpointDirectory(run.Checkpoints),
            feeds: (source, plan) => new Data.Feeding.PrefetchingBatchFeed(source, plan),
            resume: resume, warn: message => Console.Error.WriteLine($"warning: {message}"));
        using var recorder = new RunRecorder(run, trainer.Schedule.Step);
        if (trainer.ResumedFrom != null && !quiet) Console.WriteLine($"resuming from {trainer.ResumedFrom} (step {trainer.Schedule.Step})");

        long start = trainer.Schedule.Step;
        ProgressReporter.Run(quiet, "training", report =>
        {
            recorder.OnStepCallback = r => report($"{r.Phase} step {r.Step + 1}/{options.Steps}", (r.Step + 1.0) / options.Steps);
            trainer.Run(recorder, cancel);
            return 0;
        });
        Evaluation.Report.LossCurvePlot.Render(run.Metrics, run.LossCurve);
        int bad = Composition.Datasets.WriteBadSampleList(run.BadSamples, synthetic, real);
        if (bad > 0) Console.Error.WriteLine($"warning: skipped {bad} unreadable samples; see {run.BadSamples}");
        RefinerExport.Save(run.RefinerExport, trainer.Model.Refiner,
            new Dictionary<string, string> { ["step"] = trainer.Schedule.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Console.WriteLine(cancel.IsCancellationRequested
            ? $"interrupted at step {trainer.Schedule.Step}; checkpoint saved. Continue with: simgan train --out {run.Root} --resume"
            : $"trained steps {start}..{trainer.Schedule.Step}; run folder: {run.Root}");
        return cancel.IsCancellationRequested ? CliErrors.Interrupted : 0;
    }
}
