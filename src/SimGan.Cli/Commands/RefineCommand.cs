using System.CommandLine;
using SimGan.Cli.Terminal;
using SimGan.Cli.Composition;

namespace SimGan.Cli.Commands;

/// <summary><c>simgan refine</c>: applies a trained refiner to a whole dataset.</summary>
public static class RefineCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A run folder, a refiner.safetensors export or a .sgck checkpoint", Required = true };
        var input = new Option<string>("--input") { Description = "Dataset spec to refine (needs a count for generators, e.g. eyes-synthetic:1000)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: images/, labels.jsonl, manifest.json", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Images per forward pass", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for built-in generators", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad sample instead of skipping it" };
        var command = new Command("refine", "Refine a whole dataset with a trained refiner; labels are carried over unchanged")
        {
            model, input, output, batch, seed, quiet, strict,
        };
        command.SetAction((p, cancel) => Task.FromResult(CliErrors.Guard(() =>
        {
            if (p.GetValue(batch) <= 0) throw new UserError("--batch-size must be positive");
            using var refiner = Datasets.LoadRefiner(p.GetValue(model)!);
            var data = Datasets.Open(p.GetValue(input)!, p.GetValue(seed), p.GetValue(strict), refiner.Refiner.Spec.Channels);
            var result = ProgressReporter.Run(p.GetValue(quiet), "refining", report =>
                Datasets.Refine(refiner, data, p.GetValue(output)!, p.GetValue(batch),
                                (done, total) => report($"refined {done}/{total}", (double)done / total), cancel));
            if (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine($"interrupted after {result.Written} new images; run the same command again to finish");
                return CliErrors.Interrupted;
            }
            Console.WriteLine($"refined {result.Written} images ({result.Skipped} already done) into {Path.GetFullPath(result.OutputDirectory)}");
            return 0;
        })));
        return command;
    }
}
