#:project ../src/SimGan.Core/SimGan.Core.csproj
// Exploration for bf16 training (issue 18): how much faster the gaze R+D forward and backward passes run when the
// networks and images are bfloat16, against float32, on this CPU. Not mixed precision (no fp32 master weights, no
// optimizer step, no casts), so it is an upper bound for what autocast-style training could gain.
// usage: dotnet run bench/bf16_probe.cs -- BATCH [ROUNDS]
using System.Diagnostics;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Runtime;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

TorchRuntime.EnsureLoaded();
TorchRuntime.RetainFreedNativeMemory();
torch.set_num_threads(Environment.ProcessorCount);
int batch = int.Parse(args[0]);
int rounds = args.Length > 1 ? int.Parse(args[1]) : 10;
var options = new TrainingOptions { Preset = "gaze" };
var shape = new ImageShape(1, 35, 55);
Console.WriteLine($"gaze networks, {shape}, batch {batch}, {rounds} timed rounds after 2 warm-up, {Environment.ProcessorCount} threads; {TorchRuntime.Describe()}");

// R forward, D on the refined images (R's adversarial and self-regularisation terms), backward; then D on the
// detached refined images, backward: the passes of one R step and one D step.
static double Pass(Refiner refiner, Discriminator discriminator, Tensor synthetic)
{
    using var scope = torch.NewDisposeScope();
    var watch = Stopwatch.StartNew();
    var refined = refiner.forward(synthetic);
    (discriminator.forward(refined).abs().mean() + (refined - synthetic).abs().mean()).backward();
    discriminator.forward(refined.detach()).abs().mean().backward();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

foreach (var layout in new[] { ConvLayout.Contiguous, ConvLayout.ChannelsLast })
{
    var r32 = new Refiner(options.RefinerFor(1)) { Layout = layout };
    var d32 = new Discriminator(options.DiscriminatorFor(1)) { Layout = layout };
    var r16 = new Refiner(options.RefinerFor(1));
    var d16 = new Discriminator(options.DiscriminatorFor(1));
    r16.to(ScalarType.BFloat16);
    d16.to(ScalarType.BFloat16);
    r16.Layout = layout;
    d16.Layout = layout;
    var x32 = torch.rand(batch, 1, shape.Height, shape.Width);
    var x16 = x32.to(ScalarType.BFloat16);
    List<double> fp32 = [], bf16 = [];
    // Interleaved, so that load from other processes lands on both.
    for (int round = 0; round < rounds + 2; round++)
    {
        double a = Pass(r32, d32, x32), b = Pass(r16, d16, x16);
        if (round < 2) continue;
        fp32.Add(a);
        bf16.Add(b);
    }
    Console.WriteLine($"{layout,-12} fp32 {Median(fp32),6:F0} ms   bf16 {Median(bf16),6:F0} ms   fp32/bf16 {Median(fp32) / Median(bf16):F2}");
}
