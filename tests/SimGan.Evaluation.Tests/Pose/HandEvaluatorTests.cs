using System.Text.Json.Nodes;
using SimGan.Data.Datasets;
using SimGan.Data.Hands;
using SimGan.Evaluation.Pose;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Pose;

public class HandEvaluatorTests
{
    /// <summary>A refiner that did its job perfectly: each synthetic hand through the depth camera, labels unchanged.</summary>
    sealed class PerfectlyRefined(HandDataset synthetic) : IDataset
    {
        readonly SimGan.Core.Images.IImageSource _camera = synthetic.ThroughCamera();
        public string Spec => $"{synthetic.Spec} through the camera";
        public SimGan.Core.Images.ImageShape Shape => synthetic.Shape;
        public long? Count => synthetic.Count;
        public string SampleName(long index) => synthetic.SampleName(index);
        public JsonObject? Labels(long index) => synthetic.Labels(index);
        public void ReadImage(long index, Span<float> destination) => _camera.ReadImage(index, destination);
    }

    static readonly HandEvaluationSettings Quick = new()
    {
        Pose = new PoseTrainingOptions { Steps = 800, BatchSize = 16, Width = 8, Stacks = 1, LearningRate = 2e-3 },
        Realism = new RealismTestOptions { Steps = 5, Folds = 1 },
        TestImages = 300,
        LabelPairs = 100,
    };

    [Fact]
    public void The_joint_shift_does_not_read_a_change_of_look_as_moved_joints()
    {
        var synthetic = new HandDataset(HandDomain.Synthetic, 300, 1);
        var inputs = new EvaluationInputs(synthetic, new PerfectlyRefined(synthetic), new HandDataset(HandDomain.Real, 300, 3));
        using var folder = new TempDirectory();
        var r = HandEvaluator.Run(inputs, Quick, folder.Path);
        // The refined images are the perfect refiner's, so both readings of them are the perfect refiner's.
        Assert.Equal(r.Labels.PerfectRefiner!.MeanPx, r.Labels.Refined.MeanPx);
        Assert.Equal(r.Labels.PerfectRefinerBySyntheticEstimator!.MeanPx, r.Labels.BySyntheticEstimator.MeanPx);
        // An estimator that never saw the camera's look takes the look for moved joints; the reported shift must not
        // (with these small estimators, about 5.3 against 7.6 px).
        Assert.True(r.Labels.Refined.MeanPx < 0.85 * r.Labels.BySyntheticEstimator.MeanPx,
            $"estimator of both looks {r.Labels.Refined.MeanPx:F2} px, of synthetic images only {r.Labels.BySyntheticEstimator.MeanPx:F2} px");
        var labels = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "report.json")))!["labels"]!;
        Assert.Equal(r.Labels.Refined.MeanPx, (double)labels["joint_shift_px_mean"]!);
        Assert.Equal(r.Labels.BySyntheticEstimator.MeanPx, (double)labels["synthetic_estimator"]!["joint_shift_px_mean"]!);
        Assert.NotNull(labels["perfect_refiner_shift_px_mean"]);
        Assert.Equal(1600, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "report.json")))!["config"]!["labels"]!["steps"]!);
    }

    [Fact]
    public void Unrefined_images_shift_by_nothing_and_a_set_from_files_has_no_perfect_refiner_reading()
    {
        var synthetic = new HandDataset(HandDomain.Synthetic, 60, 1);
        var notBuiltIn = new ConcatenatedDataset([(synthetic, 60)]);
        var inputs = new EvaluationInputs(notBuiltIn, synthetic, new HandDataset(HandDomain.Real, 40, 3));
        using var folder = new TempDirectory();
        var r = HandEvaluator.Run(inputs, Quick with { Pose = Quick.Pose with { Steps = 5 }, TestImages = 40, LabelPairs = 20 }, folder.Path);
        Assert.Equal(0, r.Labels.Refined.MeanPx);
        Assert.Equal(0, r.Labels.BySyntheticEstimator.MeanPx);
        Assert.Null(r.Labels.PerfectRefiner);
        var labels = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "report.json")))!["labels"]!;
        Assert.Null(labels["perfect_refiner_shift_px_mean"]);
    }

    [Fact]
    public void A_joint_shift_is_the_mean_and_sd_of_the_per_joint_distances()
    {
        // Two images of one joint each: moved by (3, 4), then not at all.
        var shift = JointShift.Between([[0f, 0f], [1f, 1f]], [[3f, 4f], [1f, 1f]]);
        Assert.Equal(2.5, shift.MeanPx, 12);
        Assert.Equal(Math.Sqrt(12.5), shift.SdPx, 12);
        Assert.Equal(2, shift.Pairs);
        Assert.Throws<ArgumentException>(() => JointShift.Between([[0f, 0f]], []));
    }
}
