#:project ../src/SimGan.Evaluation/SimGan.Evaluation.csproj
// The domain gap the hand refiner has to close: a pose estimator trained on hands-synthetic, and one trained on
// hands-real (the oracle), both tested on hands-real's test split (docs/hand.md).
// usage: dotnet run bench/hand_pose_gap.cs -- [TRAIN_IMAGES] [STEPS]
using System.Diagnostics;
using SimGan.Core.Runtime;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Pose;

TorchRuntime.EnsureLoaded();
long images = args.Length > 0 ? long.Parse(args[0]) : 3000;
int steps = args.Length > 1 ? int.Parse(args[1]) : 1500;
var options = new PoseTrainingOptions { Steps = steps };
var test = DatasetSpec.Open("hands-real:500?seed=3");
foreach (string train in new[] { $"hands-synthetic:{images}?seed=1", $"hands-real:{images}?seed=2" })
{
    var clock = Stopwatch.StartNew();
    using var model = PoseTrainer.Train(DatasetSpec.Open(train), options);
    var result = PoseTrainer.Test(model, test);
    Console.WriteLine($"{train,-28} → hands-real test: within 5 px {result.WithinPx(5):P1}, mean {result.MeanErrorPx:F2} px ({clock.Elapsed.TotalSeconds:F0} s)");
}
