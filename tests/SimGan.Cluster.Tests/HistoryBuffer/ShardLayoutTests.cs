using SimGan.Cluster.HistoryBuffer;
using SimGan.Core.Training;

namespace SimGan.Cluster.Tests.HistoryBuffer;

public class ShardLayoutTests
{
    public static TheoryData<int, int> Layouts => new() { { 1, 1 }, { 16, 4 }, { 17, 4 }, { 10, 3 }, { 7, 7 }, { 1000, 6 }, { 5, 2 } };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Blocks_are_contiguous_cover_the_capacity_and_differ_in_size_by_at_most_one(int capacity, int shards)
    {
        var layout = new ShardLayout(capacity, shards);
        Assert.Equal(0, layout.Start(0));
        Assert.Equal(capacity, layout.Start(shards));
        var sizes = Enumerable.Range(0, shards).Select(layout.SizeOf).ToList();
        Assert.Equal(capacity, sizes.Sum());
        Assert.All(sizes, s => Assert.True(s >= 1));
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 1);
        for (int s = 0; s < shards; s++) Assert.Equal(layout.Start(s) + layout.SizeOf(s), layout.Start(s + 1));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Locate_is_the_inverse_of_Start(int capacity, int shards)
    {
        var layout = new ShardLayout(capacity, shards);
        for (int slot = 0; slot < capacity; slot++)
        {
            var (shard, local) = layout.Locate(slot);
            Assert.InRange(shard, 0, shards - 1);
            Assert.InRange(local, 0, layout.SizeOf(shard) - 1);
            Assert.Equal(slot, layout.Start(shard) + local);
        }
        for (int shard = 0; shard < shards; shard++)
            for (int local = 0; local < layout.SizeOf(shard); local++)
                Assert.Equal((shard, local), layout.Locate(layout.Start(shard) + local));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void Locating_a_slot_outside_the_buffer_is_refused(int slot)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardLayout(10, 3).Locate(slot));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 11)]
    [InlineData(0, 1)]
    public void More_shards_than_slots_or_none_are_refused(int capacity, int shards)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardLayout(capacity, shards));
    }

    [Fact]
    public void Group_keeps_each_slot_with_its_position_in_the_request()
    {
        var layout = new ShardLayout(12, 3); // shards hold 0-3, 4-7, 8-11
        int[] slots = [9, 0, 5, 11, 3, 4];
        var groups = layout.Group(slots);
        Assert.Equal(new[] { 0, 1, 2 }, groups.Keys.Order());
        Assert.Equal(new[] { 0, 3 }, groups[0].Local);
        Assert.Equal(new[] { 1, 4 }, groups[0].Positions);
        Assert.Equal(new[] { 1, 0 }, groups[1].Local);
        Assert.Equal(new[] { 2, 5 }, groups[1].Positions);
        Assert.Equal(new[] { 1, 3 }, groups[2].Local);
        Assert.Equal(new[] { 0, 3 }, groups[2].Positions);
    }

    [Fact]
    public void Grouping_random_plans_loses_and_duplicates_nothing()
    {
        var layout = new ShardLayout(50, 4);
        var slots = new HistorySlots(50);
        var rng = new DeterministicRandom(12);
        slots.PlanAdd(50, rng);
        for (int trial = 0; trial < 20; trial++)
        {
            var plan = slots.PlanSample(16, rng);
            var groups = layout.Group(plan);
            var rebuilt = new int[plan.Length];
            Array.Fill(rebuilt, -1);
            foreach (var (shard, (local, positions)) in groups)
            {
                Assert.Equal(local.Count, positions.Count);
                for (int i = 0; i < local.Count; i++)
                {
                    Assert.Equal(-1, rebuilt[positions[i]]);
                    rebuilt[positions[i]] = layout.Start(shard) + local[i];
                }
            }
            Assert.Equal(plan, rebuilt);
        }
    }

    [Fact]
    public void Shards_that_no_slot_falls_in_are_left_out_of_the_groups()
    {
        var groups = new ShardLayout(12, 3).Group([8, 9]);
        Assert.Equal(new[] { 2 }, groups.Keys);
        Assert.Empty(new ShardLayout(12, 3).Group([]));
    }
}
