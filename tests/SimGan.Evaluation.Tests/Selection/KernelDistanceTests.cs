using SimGan.Evaluation.Selection;

namespace SimGan.Evaluation.Tests.Selection;

public class KernelDistanceTests
{
    static double[][] Normal(int n, double mean, int seed, int dims = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dims).Select(_ =>
            mean + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray()).ToArray();
    }

    [Fact]
    public void Two_samples_of_one_distribution_are_near_zero_on_average_because_the_estimator_is_unbiased()
    {
        // Small sets bias a plug-in estimate upwards; the unbiased one averages to zero, as it must for model
        // selection against a few dozen real photographs.
        var values = Enumerable.Range(0, 40).Select(k =>
        {
            var a = Normal(20, 0, 2 * k);
            return KernelDistance.Squared(a, Normal(20, 0, 2 * k + 1), KernelDistance.MedianDistance(a));
        }).ToArray();
        Assert.InRange(values.Average(), -0.01, 0.01);
        Assert.Contains(values, v => v < 0);
    }

    [Fact]
    public void The_distance_grows_as_the_distributions_part()
    {
        var real = Normal(50, 0, 1);
        double bandwidth = KernelDistance.MedianDistance(real);
        double near = KernelDistance.Squared(Normal(50, 0.3, 2), real, bandwidth);
        double far = KernelDistance.Squared(Normal(50, 1.5, 3), real, bandwidth);
        double farther = KernelDistance.Squared(Normal(50, 5, 4), real, bandwidth);
        Assert.True(near < far && far < farther, $"{near} {far} {farther}");
        Assert.InRange(farther, 0, 2);
    }

    [Fact]
    public void Fewer_than_two_samples_or_no_bandwidth_are_refused()
    {
        var a = Normal(5, 0, 1);
        Assert.Throws<ArgumentException>(() => KernelDistance.Squared(a[..1], a, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelDistance.Squared(a, a, 0));
    }
}
