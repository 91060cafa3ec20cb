using System.CommandLine;
using SimGan.Data.Datasets;
using SimGan.Data.Eyes;
using SimGan.Data.Simulation;

namespace SimGan.Cli.Commands;

/// <summary>`simgan simulate`: renders a built-in eye or hand domain into DIR/images/*.png and DIR/labels.jsonl.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var domain = new Option<string>("--domain")
        {
            Description = DatasetExporter.Domains,
            DefaultValueFactory = _ => EyeDomainNames.Synthetic,
        };
        var count = new Option<long>("--count") { Description = "number of images", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "random seed (same seed, same images)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "output directory", Required = true };
        var height = new Option<int?>("--height") { Description = "image height (default 35 for eyes, 64 for hands)" };
        var width = new Option<int?>("--width") { Description = "image width (default 55 for eyes, 64 for hands)" };

        var command = new Command("simulate", "Render eye or depth hand images with labels into a folder dataset")
        {
            domain, count, seed, output, height, width,
        };
        command.SetAction(parseResult =>
        {
            try
            {
                var summary = DatasetExporter.Simulate(
                    parseResult.GetValue(domain)!, parseResult.GetValue(count), parseResult.GetValue(seed),
                    parseResult.GetValue(output)!, parseResult.GetValue(height), parseResult.GetValue(width));
                Console.WriteLine($"wrote {summary.Written} images to {summary.Directory}" +
                                  (summary.Skipped > 0 ? $" ({summary.Skipped} already there)" : ""));
                return 0;
            }
            catch (Exception e) when (e is DatasetException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"simgan simulate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
