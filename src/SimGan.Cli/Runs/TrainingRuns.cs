using SimGan.Data.Datasets;

namespace SimGan.Cli.Runs;

/// <summary>What a training run does before and after the training itself, the same on either engine.</summary>
public static class TrainingRuns
{
    /// <summary>
    /// Opens the run's datasets, so that a bad spec or two sets that do not fit together are a one-line error before
    /// anything is written.
    /// </summary>
    public static (IDataset Synthetic, IDataset Real) OpenData(RunConfig config, bool strict)
    {
        var options = config.Training;
        var synthetic = Composition.Datasets.Open(config.Synthetic, options.Seed, strict);
        var real = Composition.Datasets.Open(config.Real, options.Seed + 1, strict, synthetic.Shape.Channels);
        DatasetSpec.EnsureCompatible(synthetic, real);
        return (synthetic, real);
    }

    /// <summary>Makes the run folder and saves the configuration the run trains with.</summary>
    public static void Begin(RunFolder run, RunConfig config)
    {
        run.Create();
        config.Save(run.Config);
    }

    /// <summary>
    /// The loss curve, the list of samples that could not be read, and, for a run that ended collapsed, the one-line
    /// error that says so (after everything else is written, so the folder is complete either way).
    /// </summary>
    public static void End(RunFolder run, RunObserver? observer, IEnumerable<IDataset> opened, Action<string> warn)
    {
        if (File.Exists(run.Metrics)) Evaluation.Report.LossCurvePlot.Render(run.Metrics, run.LossCurve);
        int bad = Composition.Datasets.WriteBadSampleList(run.BadSamples, [.. opened]);
        if (bad > 0) warn($"skipped {bad} unreadable samples; see {run.BadSamples}");
        if (observer?.EndedCollapsed == true) throw new RunCollapsed(observer.CollapseMessage(run.Root));
    }
}
