using System.Diagnostics;
using SimGan.Core.Runtime;
using SimGan.Core.Tests;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Tests.TestData;
using Xunit.Abstractions;

namespace SimGan.Evaluation.Tests.Gaze;

public class GazeTrainerTests(ITestOutputHelper output)
{
    static readonly GazeTrainingOptions Quick = new() { Steps = 60, BatchSize = 32, Seed = 3 };

    [Fact]
    public void Learns_gaze_from_pupil_position_far_better_than_a_constant_guess()
    {
        var train = new RenderedEyes(400, seed: 1, EyeStyle.Clean);
        var test = new RenderedEyes(200, seed: 2, EyeStyle.Clean);
        var clock = Stopwatch.StartNew();
        using var model = GazeTrainer.Train(train, Quick);
        output.WriteLine($"trained {Quick.Steps} steps × {Quick.BatchSize} in {clock.ElapsedMilliseconds} ms");

        var result = GazeTrainer.Test(model, test);

        var straightAhead = new GazeTestResult(Enumerable.Range(0, 200)
            .Select(i => AngularError.Degrees([0, 0, -1], GazeLabels.VectorOf(test.Labels(i), "")))
            .ToArray());
        output.WriteLine($"trained {result.MeanErrorDeg:F2}°, constant guess {straightAhead.MeanErrorDeg:F2}°");
        Assert.Equal(200, result.Tested);
        Assert.True(result.MeanErrorDeg < 0.5 * straightAhead.MeanErrorDeg,
            $"trained {result.MeanErrorDeg:F2}° vs constant {straightAhead.MeanErrorDeg:F2}°");
    }

    [Fact]
    public void Trains_and_tests_without_one_dnn_whose_kernels_gave_NaN_here_and_leaves_it_on_for_the_refiner()
    {
        var train = new RenderedEyes(100, seed: 1, EyeStyle.Clean);
        var seen = new List<bool>();
        using var model = GazeTrainer.Train(train, Quick with { Steps = 3 }, progress: _ => seen.Add(TorchRuntime.OneDnnEnabled()));
        Assert.Equal([false, false, false], seen);
        Assert.True(TorchRuntime.OneDnnEnabled());
        GazeTrainer.Test(model, train);
        Assert.True(TorchRuntime.OneDnnEnabled());
    }

    [Fact]
    public void A_loss_that_is_not_a_number_stops_training_instead_of_reporting_NaN_degrees()
    {
        // A learning rate this large sends the weights to infinity within a few steps; what matters is that the figures
        // of such a network are never reported.
        var train = new RenderedEyes(100, seed: 1, EyeStyle.Clean);
        var error = Assert.Throws<ArithmeticException>(() => GazeTrainer.Train(train, Quick with { LearningRate = 1e12 }));
        Assert.Contains("gaze estimator", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void Same_seed_gives_the_same_errors_even_while_another_thread_draws_from_the_global_generator()
    {
        var train = new RenderedEyes(64, seed: 1, EyeStyle.Clean);
        var test = new RenderedEyes(32, seed: 2, EyeStyle.Clean);
        var options = Quick with { Steps = 5 };
        using var first = GazeTrainer.Train(train, options);
        using var traffic = new GlobalGeneratorTraffic();
        using var second = GazeTrainer.Train(train, options);
        Assert.Equal(GazeTrainer.Test(first, test).ErrorsDeg, GazeTrainer.Test(second, test).ErrorsDeg);
    }
}
