using System.CommandLine;
using SimGan.Cli.Composition;
using SimGan.Cli.Runs;
using SimGan.Cluster.Hosting;
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
        var engine = new Option<string>("--engine") { Description = "cluster: Akka.NET actors (one process unless --seeds/--workers say otherwise); local: the single-process reference trainer", DefaultValueFactory = _ => "cluster" };
        var synthetic = new Option<string?>("--synthetic") { Description = "Labelled simulator images, a dataset spec (e.g. eyes-synthetic, folder:PATH)" };
        var real = new Option<string?>("--real") { Description = "Unlabelled real images, a dataset spec (e.g. eyes-real, folder:PATH)" };
        var output = new Option<string>("--out") { Description = "Run folder (config, metrics, samples, checkpoints, refiner export)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its newest valid checkpoint (cluster: snapshot)" };
        var resumeIfPresent = new Option<bool>("--resume-if-present") { Description = "Resume if --out holds a run, else start one (for restarted pods)" };
        var workersOption = new Option<int?>("--workers") { Description = "Cluster engine: slice workers (nodes with the refiner and/or discriminator role, this one included when it has them) to wait for before training (default 1); also the default --r-slices and --d-slices" };
        var discriminators = new Option<int?>("--discriminators") { Description = "The same as --workers (its older name)" };
        var cluster = new ClusterOptionSet(defaultRoles: "coordinator,refiner,discriminator,feeder,buffer", defaultAdminPort: Admin.Server.AdminOptions.DefaultPort,
            rolesHelp: "all five on a single node; coordinator,feeder,buffer with --seeds (add refiner,discriminator for the driver to compute slices too)");
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad sample instead of skipping it" };
        var onCollapse = OnCollapseOption();
        var watchOptions = new WatchOptionSet();
        var training = new TrainingOptionSet();

        var command = new Command("train", "Train a SimGAN refiner (pretrain R, pretrain D, then the adversarial loop)")
        {
            engine, synthetic, real, output, resume, resumeIfPresent, quiet, strict, workersOption, discriminators, onCollapse,
        };
        training.AddTo(command);
        watchOptions.AddTo(command);
        cluster.AddTo(command);
        command.SetAction((p, cancel) => CliErrors.GuardAsync(async () =>
        {
            string engineName = p.GetValue(engine)!;
            if (engineName is not ("cluster" or "local")) throw new UserError($"--engine must be cluster or local, not '{engineName}'");
            var run = new RunFolder(p.GetValue(output)!);
            bool resuming = p.GetValue(resume) || (p.GetValue(resumeIfPresent) && run.HasRun);
            RunConfig config;
            if (resuming)
            {
                if (!run.HasRun) throw new UserError($"--resume: {run.Root} holds no run (no config.json)");
                var saved = RunConfig.Load(run.Config);
                if ((p.GetValue(synthetic) ?? saved.Synthetic) != saved.Synthetic || (p.GetValue(real) ?? saved.Real) != saved.Real)
                    throw new UserError("--resume continues the saved run: the datasets cannot change");
                config = saved with
                {
                    Training = training.ResolveForResume(p, saved.Training),
                    Watch = watchOptions.Resolve(p, saved.Watch with { OnCollapse = p.GetValue(onCollapse) ?? saved.Watch.OnCollapse }),
                };
            }
            else
            {
                if (run.HasRun) throw new UserError($"{run.Root} already holds a run; use --resume to continue it or choose another --out");
                config = new RunConfig(
                    p.GetValue(synthetic) ?? throw new UserError("--synthetic is required (for example --synthetic eyes-synthetic)"),
                    p.GetValue(real) ?? throw new UserError("--real is required (for example --real eyes-real)"),
                    training.Resolve(p)) { Watch = watchOptions.Resolve(p, new RunWatchOptions { OnCollapse = p.GetValue(onCollapse) ?? RunWatchOptions.Stop }) };
            }
            if (engineName == "local")
            {
                Validate(config);
                return Train(config, run, resuming, p.GetValue(quiet), p.GetValue(strict), cancel, cluster.ResolveDevice(p));
            }
            if (p.GetValue(workersOption) is not null && p.GetValue(discriminators) is not null)
                throw new UserError("--discriminators is the older name of --workers: give one of them");
            int workers = p.GetValue(workersOption) ?? p.GetValue(discriminators) ?? 1;
            if (workers < 1) throw new UserError("--workers must be at least 1");
            // One slice per wanted worker unless said otherwise; fixed for the run, so later scaling changes speed only.
            if (!resuming && p.GetValue(training.DiscriminatorSlices) is null)
                config = config with { Training = config.Training with { DiscriminatorSlices = Math.Min(workers, config.Training.BatchSize / 2) } };
            if (!resuming && p.GetValue(training.RefinerSlices) is null)
                config = config with { Training = config.Training with { RefinerSlices = Math.Min(workers, config.Training.BatchSize) } };
            config = config with { RunId = config.RunId ?? Guid.NewGuid().ToString("N") };
            Validate(config);
            var node = cluster.Resolve(p, defaultPersistence: "sqlite:" + Path.Combine(run.Root, "cluster.db"), quietByDefault: true);
            if (p.GetValue(cluster.RolesOption) is null && NodeEnvironment.Get(NodeEnvironment.Roles) is null)
                node = node with { Roles = node.SingleNode ? [.. Roles.All] : [Roles.Coordinator, Roles.Feeder, Roles.Buffer] };
            if (!node.Has(Roles.Coordinator)) throw new UserError("the driver must have the coordinator role");
            return await ClusterTraining.RunAsync(config, run, p.GetValue(quiet), p.GetValue(strict), node, cluster.ResolveAdmin(p), workers, cancel,
                                                 adminPortIsDefault: cluster.AdminPortIsDefault(p));
        }));
        return command;
    }

    /// <summary>--on-collapse, shared with demo.</summary>
    public static Option<string?> OnCollapseOption() => new("--on-collapse")
    {
        Description = "What a collapsed run does (refined images flat, all alike or without the input's eye for 3 sample sheets in a row, or NaN): " +
                      "stop (default: end with exit code 3, the last state checkpointed) or continue (warn and train on; exit 3 if still collapsed at the end)",
    };

    static void Warn(string message) => Console.Error.WriteLine($"warning: {message}");

    private static void Validate(RunConfig config)
    {
        config.Watch.Validate();
        try { config.Training.Validate(); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
    }

    public static int Train(RunConfig config, RunFolder run, bool resume, bool quiet, bool strict, CancellationToken cancel,
                            TorchSharp.torch.Device? device = null)
    {
        var options = config.Training;
        var (synthetic, real) = TrainingRuns.OpenData(config, strict);
        TrainingRuns.Begin(run, config);
        using var trainer = new LocalTrainer(options, synthetic, real, new CheckpointDirectory(run.Checkpoints),
            feeds: (source, plan) => new Data.Feeding.PrefetchingBatchFeed(source, plan),
            resume: resume, warn: message => Console.Error.WriteLine($"warning: {message}"), device: device);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var observer = RunObserver.For(run, config, trainer.Schedule.Step, stop, Warn);
        if (trainer.ResumedFrom != null && !quiet) Console.WriteLine($"resuming from {trainer.ResumedFrom} (step {trainer.Schedule.Step})");

        long start = trainer.Schedule.Step;
        ProgressReporter.Run(quiet, "training", report =>
        {
            observer.OnStepCallback = r => report($"{r.Phase} step {r.Step + 1}/{options.Steps}", (r.Step + 1.0) / options.Steps);
            trainer.Run(observer, stop.Token);
            return 0;
        });
        RunExports.Write(run, config.Watch, trainer.Model.ExportedRefiner, trainer.Schedule.Step, Warn);
        TrainingRuns.End(run, observer, [synthetic, real], Warn);
        Console.WriteLine(cancel.IsCancellationRequested
            ? $"interrupted at step {trainer.Schedule.Step}; checkpoint saved. Continue with: simgan train --out {run.Root} --resume"
            : $"trained steps {start}..{trainer.Schedule.Step}; run folder: {run.Root}");
        return cancel.IsCancellationRequested ? CliErrors.Interrupted : 0;
    }
}
