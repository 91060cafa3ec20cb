using SimGan.Core.Runtime;
using SimGan.Core.Tests;
using SimGan.Data.Eyes;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Realism;

public class RealismTestTests
{
    static readonly RealismTestOptions Quick = new() { Steps = 120, BatchSize = 32, Width = 8, ImagesPerSet = 200, Seed = 5 };

    [Fact]
    public void Two_samples_of_one_distribution_are_indistinguishable()
    {
        var noisy = EyeStyle.Clean with { Noise = 0.05f };
        var result = RealismTest.Run(new RenderedEyes(200, 1, noisy), new RenderedEyes(200, 2, noisy), Quick);
        Assert.Equal(200, result.Tested);
        Assert.InRange(0.5, result.CiLow, result.CiHigh);
    }

    [Fact]
    public void The_judge_trains_without_one_dnn_and_leaves_it_on()
    {
        var seen = new List<bool>();
        RealismTest.Run(new RenderedEyes(40, 1, EyeStyle.Clean), new RenderedEyes(40, 2, EyeStyle.Clean),
            Quick with { Steps = 2, ImagesPerSet = 40 }, progress: _ => seen.Add(TorchRuntime.OneDnnEnabled()));
        Assert.Equal([false, false], seen);
        Assert.True(TorchRuntime.OneDnnEnabled());
    }

    [Fact]
    public void A_judge_whose_loss_is_not_a_number_stops_instead_of_reporting_an_accuracy()
    {
        var error = Assert.Throws<ArithmeticException>(() => RealismTest.Run(
            new RenderedEyes(200, 1, EyeStyle.Clean with { Noise = 0.1f }), new RenderedEyes(200, 2, EyeStyle.Clean),
            Quick with { LearningRate = 1e12 }));
        Assert.Contains("realism judge", error.Message);
    }

    [Fact]
    public void Trivially_different_sets_are_told_apart_almost_always()
    {
        var result = RealismTest.Run(
            new RenderedEyes(200, 1, EyeStyle.Clean with { Noise = 0.1f }),
            new RenderedEyes(200, 2, EyeStyle.Clean),
            Quick);
        Assert.True(result.Accuracy >= 0.95, $"accuracy {result.Accuracy:P1}");
        Assert.True(result.CiLow > 0.9);
    }

    [Fact]
    public void Same_seed_gives_the_same_verdict_even_while_another_thread_draws_from_the_global_generator()
    {
        // A judge stopped after 8 steps is half-trained: its count depends on its initial weights (seeds 1-6 gave 100 to
        // 200 of 200), so weights changed by the other thread show. Building it takes a few milliseconds, a window the
        // other thread hit in about a third of the constructions when measured.
        var options = Quick with { Steps = 8, ImagesPerSet = 200 };
        var real = new EyeDataset(EyeDomain.Real, 200, 1);
        var synthetic = new EyeDataset(EyeDomain.Synthetic, 200, 2);
        var quiet = RealismTest.Run(real, synthetic, options);
        using var traffic = new GlobalGeneratorTraffic();
        for (int i = 0; i < 10; i++) Assert.Equal(quiet, RealismTest.Run(real, synthetic, options));
    }

    static readonly RealismTestOptions FourFolds = Quick with { Folds = 4, Steps = 120, ImagesPerSet = 100 };

    [Fact]
    public void K_fold_cross_validation_tests_every_image_of_both_sets_once()
    {
        var noisy = EyeStyle.Clean with { Noise = 0.05f };
        // 50 images per set in 4 folds: 13, 13, 12 and 12 of each set tested, so each classifier trains on 37 or 38 of each.
        var result = RealismTest.Run(new RenderedEyes(50, 1, noisy), new RenderedEyes(80, 2, noisy), FourFolds with { Steps = 4 });
        Assert.Equal(100, result.Tested);
        Assert.Equal(4, result.Folds);
        Assert.Equal(2 * 37, result.TrainedOn);
        Assert.Equal(WilsonInterval.Of(result.Correct, 100), (result.CiLow, result.CiHigh));
    }

    [Fact]
    public void K_fold_cross_validation_repeats_for_a_seed()
    {
        var real = new EyeDataset(EyeDomain.Real, 60, 1);
        var synthetic = new EyeDataset(EyeDomain.Synthetic, 60, 2);
        // Half-trained classifiers (8 steps), whose counts depend on their initial weights and batches.
        var options = FourFolds with { Steps = 8 };
        var first = RealismTest.Run(real, synthetic, options);
        Assert.Equal(first, RealismTest.Run(real, synthetic, options));
        Assert.Equal(120, first.Tested);
    }

    [Fact]
    public void K_fold_cross_validation_scores_two_samples_of_one_distribution_near_chance()
    {
        var noisy = EyeStyle.Clean with { Noise = 0.05f };
        var result = RealismTest.Run(new RenderedEyes(100, 1, noisy), new RenderedEyes(100, 2, noisy), FourFolds);
        Assert.Equal(200, result.Tested);
        Assert.InRange(0.5, result.CiLow, result.CiHigh);
    }

    [Fact]
    public void K_fold_cross_validation_tells_trivially_different_sets_apart_almost_always()
    {
        var result = RealismTest.Run(
            new RenderedEyes(100, 1, EyeStyle.Clean with { Noise = 0.1f }), new RenderedEyes(100, 2, EyeStyle.Clean), FourFolds);
        Assert.Equal(200, result.Tested);
        Assert.True(result.Accuracy >= 0.95, $"accuracy {result.Accuracy:P1}");
        Assert.True(result.CiLow > 0.9);
    }

    [Fact]
    public void One_fold_is_the_half_and_half_split()
    {
        var result = RealismTest.Run(new RenderedEyes(41, 1, EyeStyle.Clean), new RenderedEyes(41, 2, EyeStyle.Clean), Quick with { Steps = 2 });
        Assert.Equal(1, result.Folds);
        Assert.Equal(2 * 21, result.Tested);
        Assert.Equal(2 * 20, result.TrainedOn);
    }

    [Fact]
    public void No_folds_or_more_folds_than_images_are_refused()
    {
        var eyes = new RenderedEyes(6, 1, EyeStyle.Clean);
        Assert.Contains("at least 1 fold", Assert.Throws<ArgumentException>(() => RealismTest.Run(eyes, eyes, Quick with { Folds = 0 })).Message);
        Assert.Contains("7-fold", Assert.Throws<ArgumentException>(() => RealismTest.Run(eyes, eyes, Quick with { Folds = 7 })).Message);
    }

    [Fact]
    public void Sets_of_different_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RealismTest.Run(
            new RenderedEyes(10, 1, EyeStyle.Clean), new RenderedEyes(10, 1, EyeStyle.Clean, height: 36, width: 60), Quick));
    }
}
