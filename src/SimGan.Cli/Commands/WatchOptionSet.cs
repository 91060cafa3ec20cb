using System.CommandLine;
using SimGan.Cli.Runs;

namespace SimGan.Cli.Commands;

/// <summary>The options that choose which refiner a run exports (model selection); <c>train</c> and <c>demo</c> share them.</summary>
public sealed class WatchOptionSet
{
    public Option<string?> Select { get; } = new("--select")
    {
        Description = "Which refiner refiner.safetensors holds: last (default) or best, the checkpoint that looks most real next to --select-real " +
                      "among those that keep the labels (mean pupil shift ≤ 1.5 px); every scored checkpoint is logged in metrics.jsonl",
    };

    public Option<string?> SelectReal { get; } = new("--select-real")
    {
        Description = "Held-out real images (dataset spec) that training never sees: every checkpoint is scored against them (kernel distance) " +
                      "and the best is kept as refiner-best.safetensors",
    };

    public Option<int?> SelectImages { get; } = new("--select-images") { Description = "Synthetic validation images (the run's first) each scored checkpoint refines (default 200)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Select);
        command.Options.Add(SelectReal);
        command.Options.Add(SelectImages);
    }

    public RunWatchOptions Resolve(ParseResult p, RunWatchOptions baseline) => baseline with
    {
        Select = p.GetValue(Select) ?? baseline.Select,
        SelectReal = p.GetValue(SelectReal) ?? baseline.SelectReal,
        SelectImages = p.GetValue(SelectImages) ?? baseline.SelectImages,
    };
}
