using System.CommandLine;
using SimGan.Cluster.Benchmarks;

namespace SimGan.Cli.Commands;

/// <summary>`simgan bench wire`: serializer throughput and loopback latency of a training batch (docs/benchmarks.md).</summary>
public static class WireBenchCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images per batch (35×55 floats; 512 ≈ 3.9 MB)", DefaultValueFactory = _ => 512 };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed repetitions of each measurement", DefaultValueFactory = _ => 20 };
        var command = new Command("wire", "Measure the tensor serializer (GB/s each way) and a batch's round trip between two actor systems over TCP on 127.0.0.1")
        {
            images, repetitions,
        };
        command.SetAction((p, _) => Task.FromResult(CliErrors.Guard(() =>
        {
            if (p.GetValue(images) < 1 || p.GetValue(repetitions) < 1) throw new UserError("--images and --repetitions must be positive");
            var results = WireBenchmark.Run(p.GetValue(images), p.GetValue(repetitions), m => Console.Error.WriteLine($"measuring {m}"));
            Console.WriteLine($"{"measurement",-78} {"median",9} {"min",9} {"max",9}  unit");
            foreach (var r in results) Console.WriteLine($"{r.Name,-78} {r.Median,9:0.00} {r.Min,9:0.00} {r.Max,9:0.00}  {r.Unit}");
            return 0;
        })));
        return command;
    }
}
