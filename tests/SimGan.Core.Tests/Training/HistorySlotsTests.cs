using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class HistorySlotsTests
{
    [Fact]
    public void Appends_in_order_while_there_is_room_then_replaces_random_filled_slots()
    {
        var rng = new DeterministicRandom(5);
        var slots = new HistorySlots(6);
        Assert.Equal(new[] { 0, 1, 2, 3 }, slots.PlanAdd(4, rng));
        Assert.Equal(4, slots.Count);
        // Two fit at the end, the third replaces a random slot.
        var mixed = slots.PlanAdd(3, rng);
        Assert.Equal(new[] { 4, 5 }, mixed[..2]);
        Assert.InRange(mixed[2], 0, 5);
        Assert.Equal(6, slots.Count);

        var replaced = slots.PlanAdd(4, rng);
        Assert.Equal(4, replaced.Length);
        Assert.Equal(4, replaced.Distinct().Count());
        Assert.All(replaced, s => Assert.InRange(s, 0, 5));
        Assert.Equal(6, slots.Count);
        Assert.Equal(11, slots.Added);
    }

    [Fact]
    public void Appending_draws_no_random_numbers()
    {
        var rng = new DeterministicRandom(9);
        var before = rng.State;
        new HistorySlots(8).PlanAdd(5, rng);
        Assert.Equal(before, rng.State);
    }

    [Fact]
    public void Replacement_eventually_touches_every_slot()
    {
        var rng = new DeterministicRandom(11);
        var slots = new HistorySlots(10);
        slots.PlanAdd(10, rng);
        var seen = new HashSet<int>();
        for (int i = 0; i < 50; i++) seen.UnionWith(slots.PlanAdd(2, rng));
        Assert.Equal(Enumerable.Range(0, 10), seen.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Sample_plans_are_distinct_and_within_the_filled_slots(int n)
    {
        var rng = new DeterministicRandom(3);
        var slots = new HistorySlots(20);
        slots.PlanAdd(7, rng);
        for (int trial = 0; trial < 30; trial++)
        {
            var plan = slots.PlanSample(n, rng);
            Assert.Equal(n, plan.Length);
            Assert.Equal(n, plan.Distinct().Count());
            Assert.All(plan, s => Assert.InRange(s, 0, 6));
        }
    }

    [Fact]
    public void Sampling_more_than_the_filled_count_is_refused()
    {
        var rng = new DeterministicRandom(3);
        var slots = new HistorySlots(20);
        slots.PlanAdd(7, rng);
        Assert.True(slots.CanSample(7));
        Assert.False(slots.CanSample(8));
        var ex = Assert.Throws<InvalidOperationException>(() => slots.PlanSample(8, rng));
        Assert.Contains("holds 7", ex.Message);
    }

    [Fact]
    public void Adding_more_than_the_capacity_drops_the_extra_images()
    {
        var rng = new DeterministicRandom(4);
        var slots = new HistorySlots(4);
        var plan = slots.PlanAdd(9, rng);
        // Four appended; the five that are left over have only four slots to replace, so one is dropped.
        Assert.Equal(new[] { 0, 1, 2, 3 }, plan[..4]);
        Assert.Equal(8, plan.Length);
        Assert.Equal(4, plan[4..].Distinct().Count());
        Assert.Equal(4, slots.Count);
        Assert.Equal(9, slots.Added);

        var full = slots.PlanAdd(6, rng);
        Assert.Equal(4, full.Length);
        Assert.Equal(4, full.Distinct().Count());
        Assert.Equal(15, slots.Added);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(5, 5)]
    [InlineData(3, 2)]
    public void Restore_refuses_impossible_counts(int count, long added)
    {
        var slots = new HistorySlots(4);
        Assert.Throws<InvalidDataException>(() => slots.Restore(count, added));
        Assert.Equal(0, slots.Count);
    }

    [Fact]
    public void Restore_sets_count_and_added_and_later_adds_continue_from_there()
    {
        var rng = new DeterministicRandom(4);
        var slots = new HistorySlots(4);
        slots.Restore(2, 10);
        Assert.Equal(2, slots.Count);
        Assert.Equal(10, slots.Added);
        Assert.Equal(new[] { 2, 3 }, slots.PlanAdd(2, rng));
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistorySlots(0));
    }
}
