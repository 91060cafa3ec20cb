#:project ../src/SimGan.Evaluation/SimGan.Evaluation.csproj
// Which parts of the eyes-real look can the realism judge see? For each camera effect, the demo's judge (the same
// RealismTest, 1000 images a set) is asked to tell eyes-real from eyes-real rendered without that effect (other
// images, same distributions otherwise). ~50 % means the judge cannot see the effect, so a refiner need not make it;
// near 100 % means a refiner that made everything else perfectly would still be caught by this one effect.
// Usage: dotnet run bench/judge_ablation.cs [-- [--images N] [--judge-seeds 2,5,6] [EFFECT ...]]
//   EFFECT: any part of a row name ("noise", "brow"); "synthetic" adds the eyes-synthetic vs eyes-real row.
// Takes about 30 s per judge on a 2-core machine (3 judges per row).
using SimGan.Core.Images;
using SimGan.Data.Eyes;
using SimGan.Evaluation.Realism;

int images = 1000;
int[] judgeSeeds = [2, 5, 6];
var wanted = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--images") images = int.Parse(args[++i]);
    else if (args[i] == "--judge-seeds") judgeSeeds = args[++i].Split(',').Select(int.Parse).ToArray();
    else wanted.Add(args[i]);
}

var rows = new (string Name, Func<CameraLook, CameraLook> Without)[]
{
    ("nothing (two eyes-real sets)", look => look),
    ("sensor noise", look => look with { NoiseSigma = 0 }),
    ("defocus blur", look => look with { BlurSigma = 0 }),
    ("lid crease", look => look with { Lids = look.Lids with { CreaseDepth = 0 } }),
    ("eyelashes", look => look with { Lids = look.Lids with { LashStrength = 0 } }),
    ("lid shadow", look => look with { Lids = look.Lids with { LidShadow = 0 } }),
    ("eyebrow", look => look with { Brow = EyeBrow.None }),
    ("skin texture and pores", look => look with { SkinTexture = 0, PoreDensity = 0 }),
    ("pores", look => look with { PoreDensity = 0 }),
    ("limbal ring", look => look with { LimbalRing = 0 }),
    ("iris fibres", look => look with { IrisTexture = 0 }),
    ("corneal glint", look => look with { GlintBrightness = 0 }),
};

var real = new EyeDataset(EyeDomain.Real, images, seed: 11);
string Judge(IImageSource other) => string.Join(" / ", judgeSeeds.Select(seed =>
    $"{RealismTest.Run(real, other, new RealismTestOptions { Seed = seed, ImagesPerSet = images }).Accuracy * 100:F1}"));

Console.WriteLine($"| eyes-real against eyes-real without | judge accuracy, seeds {string.Join(" / ", judgeSeeds)} (%) |");
Console.WriteLine("| --- | --- |");
foreach (var (name, without) in rows)
{
    if (wanted.Count > 0 && !wanted.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))) continue;
    Console.WriteLine($"| {name} | {Judge(new CameraEyes(images, 12, without))} |");
}
if (wanted.Count == 0 || wanted.Contains("synthetic"))
    Console.WriteLine($"| (eyes-synthetic instead) | {Judge(new EyeDataset(EyeDomain.Synthetic, images, seed: 12))} |");

/// <summary>eyes-real's geometry and look for each index, with one change to the look before rendering.</summary>
sealed class CameraEyes(long count, ulong seed, Func<CameraLook, CameraLook> change) : IImageSource
{
    const int Height = 35, Width = 55;

    public ImageShape Shape { get; } = new(1, Height, Width);

    public long? Count => count;

    public void ReadImage(long index, Span<float> destination)
    {
        var random = SampleRandom.For(seed, EyeDomainNames.Real, index);
        var eye = EyeGeometry.Sample(ref random, Height, Width, EyeProportions.Default);
        CameraEyeRenderer.Render(eye, change(CameraLook.Sample(ref random, Height)), destination);
    }
}
