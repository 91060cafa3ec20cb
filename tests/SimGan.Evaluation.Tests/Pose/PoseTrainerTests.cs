using SimGan.Data.Datasets;
using SimGan.Evaluation.Pose;

namespace SimGan.Evaluation.Tests.Pose;

public class PoseTrainerTests
{
    static readonly PoseTrainingOptions Quick = new() { Steps = 200, BatchSize = 16, Width = 8, Stacks = 1, LearningRate = 2e-3 };

    [Fact]
    public void A_short_training_finds_the_joints_far_better_than_guessing_the_crop_centre()
    {
        var train = DatasetSpec.Open("hands-synthetic:400?seed=1");
        var test = DatasetSpec.Open("hands-synthetic:100?seed=2");
        using var model = PoseTrainer.Train(train, Quick);
        var trained = PoseTrainer.Test(model, test);
        // The naive baseline: every joint at the centre of the crop.
        var centre = new List<double>();
        for (long i = 0; i < 100; i++)
        {
            var truth = JointLabels.UvOf(test.Labels(i), test.SampleName(i));
            centre.AddRange(JointError.Distances(Enumerable.Repeat(31.5f, truth.Length).ToArray(), truth));
        }
        double baseline = centre.Average();
        Assert.True(trained.MeanErrorPx < 0.6 * baseline, $"trained {trained.MeanErrorPx:F2} px against {baseline:F2} px for the centre");
        Assert.Equal(100 * 14, trained.Distances.Count);
    }

    [Fact]
    public void The_same_options_give_the_same_estimates()
    {
        var train = DatasetSpec.Open("hands-synthetic:64?seed=3");
        var options = Quick with { Steps = 20 };
        using var a = PoseTrainer.Train(train, options);
        using var b = PoseTrainer.Train(train, options);
        Assert.Equal(PoseTrainer.Predict(a, train, 8), PoseTrainer.Predict(b, train, 8));
    }
}
