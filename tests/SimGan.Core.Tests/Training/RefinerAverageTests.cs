using SimGan.Core.Networks;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Tests.Training;

public class RefinerAverageTests
{
    static float[] Parameters(Refiner r) => r.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray();

    [Fact]
    public void The_average_starts_as_the_live_weights_and_moves_by_the_warmed_up_decay()
    {
        using var live = new Refiner(new RefinerSpec(1, 4, 1, 3));
        SeededInitialization.Apply(1, live);
        using var average = new RefinerAverage(live, 0.999);
        var start = Parameters(live);
        Assert.Equal(start, Parameters(average.Network));

        using (torch.no_grad()) foreach (var p in live.parameters()) p.add_(1f);
        average.Update(live);
        // First update: d = min(0.999, 1/10) = 0.1, so the average moves 90 % of the way.
        var moved = Parameters(average.Network);
        for (int i = 0; i < start.Length; i++) Assert.Equal(start[i] + 0.9f, moved[i], 1e-4);
        Assert.Equal(1, average.Updates);
    }

    [Fact]
    public void After_warm_up_the_configured_decay_holds()
    {
        using var live = new Refiner(new RefinerSpec(1, 4, 1, 3));
        SeededInitialization.Apply(2, live);
        using var average = new RefinerAverage(live, 0.5) { Updates = 1000 };
        var before = Parameters(average.Network);
        using (torch.no_grad()) foreach (var p in live.parameters()) p.add_(2f);
        average.Update(live);
        var after = Parameters(average.Network);
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] + 1f, after[i], 1e-4);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_decay_outside_zero_to_one_is_refused(double decay)
    {
        using var live = new Refiner(new RefinerSpec(1, 4, 1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefinerAverage(live, decay));
    }
}
