using Akka.Actor;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;

namespace SimGan.Cluster.Tests.Training;

public class WorkerPoolTests
{
    static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Stand-ins for worker actors: only reference equality is needed, no actor system.</summary>
    static readonly IActorRef Both = new FakeWorker("both"), RefinerOnly = new FakeWorker("r"), DiscriminatorOnly = new FakeWorker("d");

    static WorkerPool Pool()
    {
        var pool = new WorkerPool();
        pool.Add(Both, refines: true, discriminates: true);
        pool.Add(RefinerOnly, refines: true, discriminates: false);
        pool.Add(DiscriminatorOnly, refines: false, discriminates: true);
        return pool;
    }

    [Fact]
    public void Slices_go_only_to_workers_that_can_compute_their_kind_round_robin()
    {
        var pool = Pool();
        pool.Begin(4, 4, refiner: true);
        var assigned = pool.Assign(T0);
        Assert.Equal([0, 1, 2, 3], assigned.Select(a => a.Slice));
        Assert.All(assigned, a => Assert.NotEqual(DiscriminatorOnly, a.Worker));
        Assert.Equal(2, assigned.Count(a => a.Worker.Equals(Both)));
        Assert.Empty(pool.Assign(T0)); // out already
        pool.Begin(5, 2, refiner: false);
        Assert.All(pool.Assign(T0), a => Assert.NotEqual(RefinerOnly, a.Worker));
    }

    [Fact]
    public void Results_count_once_and_only_for_the_step_in_flight()
    {
        var pool = Pool();
        pool.Begin(7, 2, refiner: true);
        pool.Assign(T0);
        Assert.False(pool.Done(6, 0));
        Assert.True(pool.Done(7, 1));
        Assert.False(pool.Done(7, 1));
        Assert.False(pool.StepComplete);
        Assert.True(pool.Done(7, 0));
        Assert.True(pool.StepComplete);
        Assert.Equal(0, pool.Pending);
    }

    [Fact]
    public void A_lost_worker_gives_back_its_slices_and_they_go_to_the_others()
    {
        var pool = Pool();
        pool.Begin(1, 3, refiner: false);
        var first = pool.Assign(T0);
        int held = first.Count(a => a.Worker.Equals(Both));
        Assert.Equal(held, pool.Remove(Both));
        Assert.Equal(-1, pool.Remove(Both));
        var again = pool.Assign(T0);
        Assert.Equal(held, again.Count);
        Assert.All(again, a => Assert.Equal(DiscriminatorOnly, a.Worker));
    }

    [Fact]
    public void Overdue_slices_are_released_once_and_handed_out_again()
    {
        var pool = Pool();
        pool.Begin(1, 1, refiner: true);
        pool.Assign(T0);
        var timeout = TimeSpan.FromSeconds(60);
        Assert.Empty(pool.ReleaseOverdue(T0.AddSeconds(60), timeout));
        Assert.Equal([0], pool.ReleaseOverdue(T0.AddSeconds(61), timeout));
        Assert.Empty(pool.ReleaseOverdue(T0.AddSeconds(61), timeout));
        Assert.Single(pool.Assign(T0.AddSeconds(61)));
    }

    [Fact]
    public void Weights_are_sent_to_a_worker_once_per_version_and_again_after_it_refuses()
    {
        var pool = Pool();
        Assert.False(pool.Holds(Both, NetworkKind.Refiner, 3));
        pool.Sent(Both, NetworkKind.Refiner, 3);
        Assert.True(pool.Holds(Both, NetworkKind.Refiner, 3));
        Assert.False(pool.Holds(Both, NetworkKind.Refiner, 4));
        Assert.False(pool.Holds(Both, NetworkKind.Discriminator, 3));
        pool.Begin(2, 1, refiner: true);
        pool.Assign(T0);
        pool.Refused(Both, 2, 0);
        Assert.False(pool.Holds(Both, NetworkKind.Refiner, 3));
        Assert.Single(pool.Assign(T0)); // the refused slice is out again
    }

    [Fact]
    public void With_no_capable_worker_nothing_is_assigned()
    {
        var pool = new WorkerPool();
        pool.Add(DiscriminatorOnly, refines: false, discriminates: true);
        pool.Begin(0, 2, refiner: true);
        Assert.False(pool.CanCompute(refiner: true));
        Assert.Empty(pool.Assign(T0));
        Assert.Equal(2, pool.Pending);
    }

    private sealed class FakeWorker(string name) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(new Address("akka", "test")) / name;
        public override IActorRefProvider Provider => throw new NotSupportedException();
    }
}
