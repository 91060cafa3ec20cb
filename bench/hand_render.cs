#:project ../src/SimGan.Data/SimGan.Data.csproj
// Images per second of the built-in depth hand domains on all cores (docs/benchmarks.md#depth-hands).
// usage: dotnet run bench/hand_render.cs -- [IMAGES] [ROUNDS]
using SimGan.Data.Benchmarks;
using SimGan.Data.Hands;

int images = args.Length > 0 ? int.Parse(args[0]) : 20_000, rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
Console.WriteLine($"{Environment.ProcessorCount} cores, {images} images per round, size {HandDataset.DefaultSize}");
for (int round = 1; round <= rounds; round++)
    foreach (var domain in new[] { HandDomain.Synthetic, HandDomain.Real })
        Console.WriteLine($"round {round}: {domain.Name(),-16} {HandRendererBenchmark.Measure(domain, images):F0} images/s");
