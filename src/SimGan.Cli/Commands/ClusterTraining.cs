using System.Globalization;
using SimGan.Admin.Server;
using SimGan.Cli.Composition;
using SimGan.Cli.Runs;
using SimGan.Cli.Terminal;
using SimGan.Cluster.Hosting;
using SimGan.Cluster.Training;
using SimGan.Core.Checkpoints;
using SimGan.Core.Export;

namespace SimGan.Cli.Commands;

/// <summary>
/// `simgan train --engine cluster`: this process is the driver (coordinator and refiner, plus whatever other roles
/// it takes); slice workers may be here or on other nodes. Writes the same run folder as the local engine.
/// </summary>
public static class ClusterTraining
{
    static void Warn(string message) => Console.Error.WriteLine($"warning: {message}");

    public static async Task<int> RunAsync(RunConfig config, RunFolder run, bool quiet, bool strict, NodeSettings node,
                                           AdminOptions? admin, int workers, CancellationToken cancel, bool adminPortIsDefault = false)
    {
        var options = config.Training;
        // A bad --set or --hocon is a one-line user error, found before the run folder is made.
        Akka.Configuration.Config hocon;
        try { hocon = NodeConfiguration.Build(node); }
        catch (ArgumentException ex) { throw new UserError(ex.Message); }
        // The feeder opens the data again; opening it here first makes a bad spec a one-line error before any node starts.
        if (node.Has(Roles.Feeder)) TrainingRuns.OpenData(config, strict);
        // The store is checked before the run folder holds a run, so that fixing the store and repeating the same
        // command works (a saved config.json would make it say "already holds a run; use --resume").
        await PersistencePreflight.CheckAsync(node.Persistence!, cancel);
        TrainingRuns.Begin(run, config);

        RunObserver? observer = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Action<string, double> report = (_, _) => { };
        var outcome = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new CoordinatorSettings(
            RunId: config.RunId!,
            Synthetic: config.Synthetic,
            Real: config.Real,
            Strict: strict,
            Options: options,
            WorkersWanted: workers,
            BufferShards: 4,
            SliceTimeout: TimeSpan.FromSeconds(60),
            RequestTimeout: TimeSpan.FromSeconds(10),
            Observer: start =>
            {
                observer?.Dispose();
                observer = RunObserver.For(run, config, start, stop, Warn);
                observer.OnStepCallback = r => report($"{r.Phase} step {r.Step + 1}/{options.Steps}", (r.Step + 1.0) / options.Steps);
                return observer;
            },
            RunCheckpoints: new CheckpointDirectory(run.Checkpoints),
            OnFinished: (model, step) => RunExports.Write(run, config.Watch, model.ExportedRefiner, step, Warn),
            Outcome: outcome,
            Warn: message => Console.Error.WriteLine($"warning: {message}"))
        {
            OnTimings = totals => TimingReport.Write(Path.Combine(run.Root, "cluster-timing.json"), totals),
        };
        settings = settings.WithTimeouts(hocon);

        await using var host = await ClusterNodeHost.StartAsync(node, admin, settings, cancel, adminPortIsDefault);
        if (!quiet)
        {
            var self = Akka.Cluster.Cluster.Get(host.System).SelfAddress;
            Console.WriteLine($"driver {self} is up (roles {string.Join(",", node.Roles)}, store {node.Persistence})" +
                              (host.AdminPort is { } a ? $"; admin API on {host.Admin!.BindAddress}:{a}{(host.Admin.HasToken ? "" : " (no token: anyone on this machine can use it)")}" : "") +
                              $"; waiting for {workers} slice worker(s)");
        }
        // Should the node be downed or its actor system stop, the run cannot finish: say so rather than wait forever.
        _ = host.System.WhenTerminated.ContinueWith(_ => outcome.TrySetResult(new TrainingOutcome(0, 0, false,
            "this node's actor system stopped before training finished (was it downed or removed from the cluster?); resume with --resume")));
        var coordinator = host.Registry.Get<CoordinatorKey>();
        using var stopping = stop.Token.Register(() => coordinator.Tell(new TrainingCoordinator.StopTraining(), Akka.Actor.ActorRefs.NoSender));
        var result = ProgressReporter.Run(quiet, "training", update =>
        {
            report = update;
            return outcome.Task.GetAwaiter().GetResult();
        });
        observer?.Dispose();
        await host.StopAsync();

        if (result.Error is not null)
        {
            if (result.InputError) throw new UserError(result.Error);
            throw new ClusterRunFailed(result.Error);
        }
        TrainingRuns.End(run, observer, host.Data.Opened, Warn);
        Console.WriteLine(result.Interrupted
            ? $"interrupted at step {result.LastStep}; snapshot saved. Continue with: simgan train --out {run.Root} --resume"
            : $"trained steps {result.FirstStep}..{result.LastStep} on the cluster; run folder: {run.Root}");
        return result.Interrupted ? CliErrors.Interrupted : 0;
    }
}

/// <summary>The cluster run stopped on an error it reported (the reason is the message).</summary>
public sealed class ClusterRunFailed(string message) : Exception(message);
