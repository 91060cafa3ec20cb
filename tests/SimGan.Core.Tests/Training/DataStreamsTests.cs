using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class DataStreamsTests
{
    [Theory]
    [InlineData(4, 4, 2, 4, 4)]
    [InlineData(8, 8, 4, 8, 8)]
    [InlineData(32, 32, 16, 32, 8)]
    [InlineData(2, 2, 1, 2, 2)]
    public void Streams_have_the_batch_sizes_the_local_trainer_uses(int b, int refiner, int discriminator, int real, int samples)
    {
        var options = TinyImages.SmallOptions() with { BatchSize = b };
        Assert.Equal(refiner, DataStreams.Plan(DataStream.SyntheticForRefiner, options, 1000).BatchSize);
        Assert.Equal(discriminator, DataStreams.Plan(DataStream.SyntheticForDiscriminator, options, 1000).BatchSize);
        Assert.Equal(real, DataStreams.Plan(DataStream.Real, options, 1000).BatchSize);
        Assert.Equal(samples, DataStreams.Plan(DataStream.Samples, options, 1000).BatchSize);
    }

    [Fact]
    public void The_four_streams_read_a_finite_set_in_different_orders()
    {
        var options = TinyImages.SmallOptions() with { BatchSize = 8 };
        var orders = Enum.GetValues<DataStream>()
            .Select(s => DataStreams.Plan(s, options, 1000))
            // The first 8 positions of each stream's permutation, whatever its batch size.
            .Select(plan => string.Join(",", Enumerable.Range(0, 8).Select(i => plan.IndicesFor(i / plan.BatchSize)[i % plan.BatchSize])))
            .ToList();
        Assert.Equal(4, orders.Count);
        Assert.Equal(4, orders.Distinct().Count());
    }

    [Fact]
    public void A_stream_plan_is_a_function_of_the_seed()
    {
        var options = TinyImages.SmallOptions() with { BatchSize = 8 };
        Assert.Equal(DataStreams.Plan(DataStream.Real, options, 1000).IndicesFor(3),
                     DataStreams.Plan(DataStream.Real, options, 1000).IndicesFor(3));
        Assert.NotEqual(DataStreams.Plan(DataStream.Real, options, 1000).IndicesFor(3),
                        DataStreams.Plan(DataStream.Real, options with { Seed = 4 }, 1000).IndicesFor(3));
    }

    [Fact]
    public void An_unknown_stream_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataStreams.Plan((DataStream)9, TinyImages.SmallOptions(), 10));
    }
}
