using Akka.Actor;
using SimGan.Cluster.Training;
using SimGan.Core.Training;

namespace SimGan.Cluster.Tests.Training;

public class SliceAssignmentsTests
{
    static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Stand-ins for worker actors: only reference equality is needed, no actor system.</summary>
    static readonly IActorRef WorkerA = new FakeWorker("a"), WorkerB = new FakeWorker("b");

    static SliceGradient Result(float value) => new([value, value], value);

    [Fact]
    public void A_new_step_has_every_slice_unassigned_and_is_not_complete()
    {
        var a = new SliceAssignments(7, 3);
        Assert.Equal(7, a.Step);
        Assert.Equal(new[] { 0, 1, 2 }, a.Unassigned);
        Assert.False(a.Complete);
    }

    [Fact]
    public void Assigned_slices_are_not_handed_out_again_and_results_complete_the_step()
    {
        var a = new SliceAssignments(1, 3);
        a.Assign(0, WorkerA, T0);
        a.Assign(2, WorkerB, T0);
        Assert.Equal(new[] { 1 }, a.Unassigned);
        Assert.True(a.Accept(0, Result(0)));
        Assert.True(a.Accept(1, Result(1)));   // from a worker it was never assigned to: who computes it does not matter
        Assert.False(a.Complete);
        Assert.True(a.Accept(2, Result(2)));
        Assert.True(a.Complete);
        Assert.Empty(a.Unassigned);
    }

    [Fact]
    public void Results_are_kept_in_slice_order_whatever_order_they_arrive_in()
    {
        var a = new SliceAssignments(1, 4);
        foreach (int k in new[] { 3, 1, 0, 2 }) Assert.True(a.Accept(k, Result(k)));
        Assert.Equal(new double[] { 0, 1, 2, 3 }, a.Results.Select(r => r!.Loss));
    }

    [Fact]
    public void A_duplicate_result_is_ignored_and_the_first_one_kept()
    {
        var a = new SliceAssignments(1, 2);
        a.Assign(0, WorkerA, T0);
        var first = Result(1);
        Assert.True(a.Accept(0, first));
        Assert.False(a.Accept(0, Result(99)));
        Assert.Same(first, a.Results[0]);
        Assert.False(a.Complete);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void A_result_for_a_slice_that_does_not_exist_is_ignored(int slice)
    {
        var a = new SliceAssignments(1, 2);
        Assert.False(a.Accept(slice, Result(1)));
        Assert.All(a.Results, r => Assert.Null(r));
    }

    [Fact]
    public void Losing_a_worker_frees_only_its_unfinished_slices()
    {
        var a = new SliceAssignments(1, 4);
        a.Assign(0, WorkerA, T0);
        a.Assign(1, WorkerB, T0);
        a.Assign(2, WorkerA, T0);
        a.Assign(3, WorkerA, T0);
        a.Accept(3, Result(3));
        Assert.Empty(a.Unassigned);
        Assert.Equal(2, a.Release(WorkerA));
        Assert.Equal(new[] { 0, 2 }, a.Unassigned);
        Assert.Equal(0, a.Release(WorkerA));
    }

    [Fact]
    public void A_refused_slice_is_freed_by_number()
    {
        var a = new SliceAssignments(1, 2);
        a.Assign(0, WorkerA, T0);
        a.Assign(1, WorkerA, T0);
        a.Release(1);
        Assert.Equal(new[] { 1 }, a.Unassigned);
    }

    [Fact]
    public void Only_slices_out_longer_than_the_timeout_are_released_as_overdue()
    {
        var a = new SliceAssignments(1, 3);
        a.Assign(0, WorkerA, T0);
        a.Assign(1, WorkerB, T0.AddSeconds(30));
        a.Assign(2, WorkerB, T0);
        a.Accept(2, Result(2));
        var timeout = TimeSpan.FromSeconds(60);
        Assert.Empty(a.ReleaseOverdue(T0.AddSeconds(60), timeout));   // exactly at the timeout: still in time
        Assert.Equal(new[] { 0 }, a.ReleaseOverdue(T0.AddSeconds(61), timeout));
        Assert.Equal(new[] { 0 }, a.Unassigned);
        Assert.Empty(a.ReleaseOverdue(T0.AddSeconds(61), timeout));   // released once
        Assert.Equal(new[] { 1 }, a.ReleaseOverdue(T0.AddSeconds(91), timeout));
    }

    [Fact]
    public void Reassigning_a_slice_restarts_its_clock()
    {
        var a = new SliceAssignments(1, 1);
        a.Assign(0, WorkerA, T0);
        a.Assign(0, WorkerB, T0.AddSeconds(50));
        Assert.Empty(a.ReleaseOverdue(T0.AddSeconds(70), TimeSpan.FromSeconds(60)));
        Assert.Equal(0, a.Release(WorkerA));   // WorkerA no longer holds it
        Assert.Equal(1, a.Release(WorkerB));
    }

    [Fact]
    public void A_late_result_from_a_released_worker_still_counts_once()
    {
        var a = new SliceAssignments(1, 1);
        a.Assign(0, WorkerA, T0);
        a.Release(WorkerA);
        a.Assign(0, WorkerB, T0);
        Assert.True(a.Accept(0, Result(1)));     // A's late answer arrives first
        Assert.False(a.Accept(0, Result(1)));    // B's is the duplicate
        Assert.True(a.Complete);
        Assert.Empty(a.ReleaseOverdue(T0.AddHours(1), TimeSpan.FromSeconds(1)));
    }

    private sealed class FakeWorker(string name) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(new Address("akka", "test")) / name;
        public override IActorRefProvider Provider => throw new NotSupportedException();
    }
}
