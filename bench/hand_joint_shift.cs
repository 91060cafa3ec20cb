#:project ../src/SimGan.Evaluation/SimGan.Evaluation.csproj
// What the hand demo's joint shift measures (docs/hand.md): the shift between an estimator's joints on a synthetic
// image and on its refined version, for an estimator trained on synthetic images only and for one trained on
// synthetic and depth-camera images; and the same for a perfect refiner (each synthetic hand through the depth camera
// model, joints unchanged), which any sound label check must score near 0.
// usage: dotnet run bench/hand_joint_shift.cs -- SEED [REFINED_SPEC|-] [STEPS] [CAMERA_IMAGES]
//   SEED: the demo's seed (hands-synthetic:3000?seed=SEED was refined); REFINED_SPEC: e.g. folder:runs/hand/refined;
//   CAMERA_IMAGES: how many of the demo's labelled depth-camera test images the second estimator also trains on
using System.Diagnostics;
using SimGan.Core.Images;
using SimGan.Core.Runtime;
using SimGan.Data.Datasets;
using SimGan.Data.Hands;
using SimGan.Evaluation.Pose;

TorchRuntime.EnsureLoaded();
ulong seed = ulong.Parse(args[0]);
string? refinedSpec = args.Length > 1 && args[1] != "-" ? args[1] : null;
int steps = args.Length > 2 ? int.Parse(args[2]) : 1500;
const long images = 3000, pairs = 500;
var options = new PoseTrainingOptions { Steps = steps, Seed = (int)seed };
var synthetic = new HandDataset(HandDomain.Synthetic, images, seed);
var camera = synthetic.ThroughCamera();
var realTest = DatasetSpec.Open($"hands-real:1000?seed={seed + 2}");
long cameraImages = args.Length > 3 ? long.Parse(args[3]) : 1000;
var refined = refinedSpec is null ? null : DatasetSpec.Open(refinedSpec, new DatasetOptions(Height: synthetic.Shape.Height, Width: synthetic.Shape.Width));

var estimators = new (string Name, IDataset Train)[]
{
    ("synthetic only", synthetic),
    ("synthetic + depth camera", new ConcatenatedDataset([(synthetic, images), (realTest, cameraImages)])),
};
foreach (var (name, train) in estimators)
{
    var clock = Stopwatch.StartNew();
    using var model = PoseTrainer.Train(train, options);
    var test = PoseTrainer.Test(model, realTest);
    var onSynthetic = PoseTrainer.Predict(model, synthetic, pairs);
    string Shift(IImageSource other) => $"{JointShift.Between(onSynthetic, PoseTrainer.Predict(model, other, pairs)).MeanPx:F2} px";
    Console.WriteLine($"estimator trained on {name}: depth-camera test within 5 px {test.WithinPx(5):P1}, mean {test.MeanErrorPx:F2} px");
    Console.WriteLine($"  shift, perfect refiner: {Shift(camera)}");
    if (refined is not null) Console.WriteLine($"  shift, {refined.Spec}: {Shift(refined)}");
    Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:F0} s)");
}
