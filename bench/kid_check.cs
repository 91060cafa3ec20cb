#:project ../src/SimGan.Evaluation/SimGan.Evaluation.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
// KID steadiness check. usage: dotnet run bench/kid_check.cs -- SYNTH_SPEC MODEL...
using SimGan.Core.Export;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Selection;

var synth = DatasetSpec.Open(args[0], new DatasetOptions(Seed: 1));
var held = DatasetSpec.Open("folder:/work/shared/data/mpiigaze-144/heldout");
var train = DatasetSpec.Open("folder:/work/shared/data/mpiigaze-144/train");
using var scorer = new CheckpointScorer(synth, 500, held);
var shape = scorer.Shape;
float[] Read(IImageSource s, int n) { var p = new float[n * shape.Pixels]; for (int i = 0; i < n; i++) s.ReadImage(i, p.AsSpan(i * shape.Pixels, shape.Pixels)); return p; }
Console.WriteLine($"real train (96) vs heldout: {scorer.Realism(Read(train, 96), 96):F2}");
void Report(string name, float[] pixels)
{
    var subsets = Enumerable.Range(0, 5).Select(k => scorer.Realism(pixels[(k * 100 * shape.Pixels)..((k + 1) * 100 * shape.Pixels)], 100)).ToArray();
    Console.WriteLine($"{name}: all 500 {scorer.Realism(pixels, 500):F2}; subsets of 100: {string.Join(" ", subsets.Select(v => v.ToString("F2")))}");
}
Report("synthetic", scorer.Validation);
foreach (var m in args.Skip(1))
{
    using var model = RefinerModel.Load(m);
    Report(m, model.Refine(scorer.Validation, 500, shape));
}
