using SimGan.Core.Health;
using SimGan.Core.Images;
using SimGan.Core.Training;
using SimGan.Evaluation.Selection;

namespace SimGan.Cli.Runs;

/// <summary>
/// Everything that watches a training run, for either engine: the recorder that writes the run folder, and the health
/// watch that warns of collapse and ends a run that stays collapsed (by cancelling it, the way Ctrl+C does, so the
/// last state is checkpointed either way).
/// </summary>
public sealed class RunObserver : ITrainingObserver, IDisposable
{
    readonly RunRecorder recorder;
    readonly TrainingHealthWatch health = new(new HealthThresholds());
    readonly RunWatchOptions watch;
    readonly CancellationTokenSource stop;
    readonly Action<string> warn;
    readonly HashSet<string> warned = [];
    readonly ModelSelector? selector;

    /// <param name="stop">Cancelled when the run has collapsed and <see cref="RunWatchOptions.OnCollapse"/> says stop.</param>
    /// <param name="selector">Scores each checkpoint when the run has held-out real images to score against.</param>
    public RunObserver(RunFolder run, RunWatchOptions watch, long startStep, CancellationTokenSource stop, Action<string> warn,
                       ModelSelector? selector = null)
    {
        recorder = new RunRecorder(run, startStep);
        this.watch = watch;
        this.stop = stop;
        this.warn = warn;
        this.selector = selector;
    }

    /// <summary>The observer a run of either engine gets: with a model selector when the run names held-out real images.</summary>
    public static RunObserver For(RunFolder run, RunConfig config, long startStep, CancellationTokenSource stop, Action<string> warn)
    {
        ModelSelector? selector = null;
        if (config.Watch.SelectReal is { } heldOut)
        {
            var synthetic = Composition.Datasets.Open(config.Synthetic, config.Training.Seed);
            var real = Composition.Datasets.Open(heldOut, config.Training.Seed + 2, channels: synthetic.Shape.Channels);
            Data.Datasets.DatasetSpec.EnsureCompatible(synthetic, real);
            var baseline = config.Training.EqualizeOutput ? new Data.Datasets.EqualizedDataset(synthetic) : null;
            try { selector = new ModelSelector(run, new CheckpointScorer(synthetic, config.Watch.SelectImages, real, baseline: baseline), new SelectionRule()); }
            catch (ArgumentException ex) { throw new UserError($"model selection: {ex.Message}"); }
        }
        return new RunObserver(run, config.Watch, startStep, stop, warn, selector);
    }

    /// <summary>Progress display hook.</summary>
    public Action<StepRecord>? OnStepCallback { get => recorder.OnStepCallback; set => recorder.OnStepCallback = value; }

    /// <summary>The check that found the run collapsed, if one did (and the newest check since, if it stayed so).</summary>
    public HealthCheck? Collapse { get; private set; }

    /// <summary>True when the newest health check still found the run collapsed.</summary>
    public bool EndedCollapsed => health.Collapsed;

    public void OnStep(StepRecord record)
    {
        recorder.OnStep(record);
        health.OnStep(record);
    }

    public void OnSamples(long step, float[] synthetic, float[] refined, int count, ImageShape shape)
    {
        recorder.OnSamples(step, synthetic, refined, count, shape);
        if (count < 2) return;
        var check = health.Check(step, synthetic, refined, count, shape);
        recorder.OnHealth(check);
        if (check.Status == HealthStatus.Healthy) return;
        if (check.Problem != HealthProblem.None) WarnOnce(check.Problem.ToString(), $"step {step}: {check.Describe()}");
        else if (check.DiscriminatorWins) WarnOnce("d-wins", $"step {step}: {check.Describe()}");
        if (check.Status != HealthStatus.Collapsed) return;
        Collapse = check;
        if (watch.OnCollapse == RunWatchOptions.Stop)
        {
            if (!stop.IsCancellationRequested) warn($"step {step}: the run has collapsed ({check.UnhealthyChecks} checks in a row); stopping it");
            stop.Cancel();
        }
        else WarnOnce("collapsed", $"step {step}: the run has collapsed; training goes on (--on-collapse {RunWatchOptions.Continue})");
    }

    public void OnCheckpoint(long step, string path)
    {
        recorder.OnCheckpoint(step, path);
        if (selector is null) return;
        var (score, isBest) = selector.OnCheckpoint(step, path);
        recorder.OnSelection(score, isBest);
    }

    /// <summary>The one line that says why a run ended collapsed, for the command's error.</summary>
    public string CollapseMessage(string runRoot)
    {
        var c = health.Last ?? Collapse!;
        string sheet = Path.Combine(runRoot, "samples", $"step-{c.Step:D9}.png");
        return $"the refiner collapsed: {c.Describe()} at step {c.Step} (see {sheet}); " +
               $"a collapsed run is not fit to refine with. Try the settings in docs/real-data.md, or --on-collapse {RunWatchOptions.Continue} to train on anyway";
    }

    void WarnOnce(string key, string message)
    {
        if (warned.Add(key)) warn(message);
    }

    public void Dispose()
    {
        recorder.Dispose();
        selector?.Dispose();
    }
}
