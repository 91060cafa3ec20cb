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
    public void Same_seed_gives_the_same_verdict()
    {
        var options = Quick with { Steps = 10, ImagesPerSet = 60 };
        var noisy = new RenderedEyes(60, 1, EyeStyle.Clean with { Noise = 0.05f });
        var clean = new RenderedEyes(60, 2, EyeStyle.Clean);
        Assert.Equal(RealismTest.Run(noisy, clean, options), RealismTest.Run(noisy, clean, options));
    }

    [Fact]
    public void Sets_of_different_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RealismTest.Run(
            new RenderedEyes(10, 1, EyeStyle.Clean), new RenderedEyes(10, 1, EyeStyle.Clean, height: 36, width: 60), Quick));
    }
}
