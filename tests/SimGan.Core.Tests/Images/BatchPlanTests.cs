using SimGan.Core.Images;

namespace SimGan.Core.Tests.Images;

public class BatchPlanTests
{
    [Fact]
    public void Each_epoch_of_a_finite_set_is_a_permutation()
    {
        var plan = new BatchPlan(7, "s", 10, 37);
        var firstEpoch = Enumerable.Range(0, 37).Select(i => plan.IndicesFor(i / 10)[i % 10]).ToList();
        // Positions 0..36 of epoch 0 span batches 0..3 (batch 3 holds the last 7 plus 3 of epoch 1).
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long)i), firstEpoch.Order());
        Assert.NotEqual(Enumerable.Range(0, 37).Select(i => (long)i), firstEpoch);
    }

    [Fact]
    public void Same_seed_and_stream_give_the_same_batches_and_others_differ()
    {
        Assert.Equal(new BatchPlan(1, "a", 8, 1000).IndicesFor(5), new BatchPlan(1, "a", 8, 1000).IndicesFor(5));
        Assert.NotEqual(new BatchPlan(1, "a", 8, 1000).IndicesFor(5), new BatchPlan(1, "b", 8, 1000).IndicesFor(5));
        Assert.NotEqual(new BatchPlan(1, "a", 8, 1000).IndicesFor(5), new BatchPlan(2, "a", 8, 1000).IndicesFor(5));
    }

    [Fact]
    public void Empty_sets_and_bad_batch_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BatchPlan(1, "a", 8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchPlan(1, "a", 0, 10));
    }
}
