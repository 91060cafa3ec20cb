#:project ../src/SimGan.Evaluation/SimGan.Evaluation.csproj
#:project ../src/SimGan.Data/SimGan.Data.csproj
// Screening of refiners trained toward real photographs: realism judge (3 random half splits, all 144 photos vs 144
// refined) and pupil shift on 240 synthetic/refined pairs.
// usage: dotnet run screen.cs -- SYNTH_SPEC RUN_DIR [RUN_DIR...]   (RUN_DIR "-" = the synthetic set itself)
using SimGan.Core.Export;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Realism;

string synthSpec = args[0];
var synth = DatasetSpec.Open(synthSpec, new DatasetOptions(Seed: 1));
var real = new Concat(DatasetSpec.Open("folder:/work/shared/data/mpiigaze-144/train"), DatasetSpec.Open("folder:/work/shared/data/mpiigaze-144/heldout"));
const int n = 240;
var shape = synth.Shape;
var synthPixels = new float[n * shape.Pixels];
for (int i = 0; i < n; i++) synth.ReadImage(i, synthPixels.AsSpan(i * shape.Pixels, shape.Pixels));
foreach (var run in args.Skip(1))
{
    float[] refined;
    if (run == "-") refined = synthPixels;
    else
    {
        string model = Directory.Exists(run) ? Path.Combine(run, "refiner.safetensors") : run;
        using var m = RefinerModel.Load(model);
        refined = m.Refine(synthPixels, n, shape);
    }
    var refinedSet = new Arrays(refined, n, shape);
    var accs = new[] { 1, 2, 3 }.Select(seed => RealismTest.Run(real, refinedSet, new RealismTestOptions { Seed = seed, Steps = 300 }).Accuracy).ToArray();
    var labels = LabelPreservation.Measure(new Arrays(synthPixels, n, shape), refinedSet, new PupilDetector());
    double contrast = 0;
    for (int i = 0; i < n; i++) { var s = refined.AsSpan(i * shape.Pixels, shape.Pixels); double mean = 0; foreach (var v in s) mean += v; mean /= s.Length; double var_ = 0; foreach (var v in s) var_ += (v - mean) * (v - mean); contrast += Math.Sqrt(var_ / s.Length); }
    Console.WriteLine($"{run}\tjudge {accs.Average():P1} ({string.Join("/", accs.Select(a => a.ToString("P0")))})\tpupil {labels.ShiftMeanPx:F2} px (fail {labels.DetectionFailures})\tchange {labels.MeanAbsPixelChange:F3}\tstd {contrast / n:F3}");
}

sealed class Concat(IImageSource a, IImageSource b) : IImageSource
{
    public ImageShape Shape => a.Shape;
    public long? Count => a.Count + b.Count;
    public void ReadImage(long i, Span<float> d) { if (i < a.Count) a.ReadImage(i, d); else b.ReadImage(i - a.Count!.Value, d); }
}
sealed class Arrays(float[] p, int count, ImageShape shape) : IImageSource
{
    public ImageShape Shape => shape;
    public long? Count => count;
    public void ReadImage(long i, Span<float> d) => p.AsSpan((int)i * shape.Pixels, shape.Pixels).CopyTo(d);
}
