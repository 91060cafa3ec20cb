using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using SimGan.Cluster.Hosting;
using SimGan.Cluster.Protocol;
using SimGan.Core.Images;

namespace SimGan.Cluster.Refining;

/// <summary>
/// The driver side of `simgan refine --engine cluster`: takes batches from the local caller (<see cref="Submit"/>,
/// answered with the refined pixels) and hands them to workers as they ask. It only routes: which batch goes where,
/// and who gets it again when a worker goes quiet, becomes unreachable or stops. Results are idempotent, so a batch
/// handed out twice is harmless; the first answer wins.
/// </summary>
public sealed class RefineDispatcherActor : ReceiveActor, IWithTimers
{
    /// <summary>A batch to refine; the sender is answered with the refined float[] or a <see cref="Status.Failure"/>.</summary>
    public sealed record Submit(long Batch, float[] Pixels, int Count, ImageShape Shape);

    /// <summary>Answered with the number of workers that have asked for work (an int).</summary>
    public sealed record CountWorkers
    {
        public static readonly CountWorkers Instance = new();
    }

    private sealed record Tick;

    private sealed class Worker(IActorRef actor, string node)
    {
        public IActorRef Actor { get; } = actor;
        public string Node { get; } = node;
        public string Checksum { get; set; } = "";
        public long? Batch { get; set; }
        public DateTime Deadline { get; set; }
    }

    private readonly RefinerWeights weights;
    private readonly string job;
    private readonly TimeSpan batchTimeout;
    private readonly Action<string> warn;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<long, (Submit Work, IActorRef ReplyTo)> open = [];
    private readonly LinkedList<long> queue = new();
    private readonly Dictionary<IActorRef, Worker> workers = [];
    private readonly LinkedList<Worker> idle = new();
    private readonly HashSet<Address> members = [];
    private readonly HashSet<Address> unreachable = [];

    public RefineDispatcherActor(RefinerWeights weights, string job, TimeSpan batchTimeout, Action<string> warn)
    {
        this.weights = weights;
        this.job = job;
        this.batchTimeout = batchTimeout;
        this.warn = warn;

        Receive<Submit>(m =>
        {
            open[m.Batch] = (m, Sender);
            queue.AddLast(m.Batch);
            DispatchToIdle();
        });
        Receive<CountWorkers>(_ => Sender.Tell(workers.Count));
        Receive<RequestRefineWork>(OnRequest);
        Receive<RefinedBatch>(OnRefined);
        Receive<RefineRefused>(OnRefused);
        Receive<Terminated>(t => Drop(t.ActorRef, "stopped"));
        Receive<Tick>(_ => OnTick());

        Receive<ClusterEvent.MemberUp>(e => { if (e.Member.HasRole(Roles.Discriminator)) members.Add(e.Member.Address); });
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            members.Remove(e.Member.Address);
            unreachable.Remove(e.Member.Address);
            Lose(e.Member.Address, "left the cluster");
        });
        // Not waiting for the node to be downed: its batches are safe to refine twice, and waiting would stall the run.
        Receive<ClusterEvent.UnreachableMember>(e => { unreachable.Add(e.Member.Address); Lose(e.Member.Address, "is unreachable"); });
        Receive<ClusterEvent.ReachableMember>(e => unreachable.Remove(e.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RefinerWeights weights, string job, TimeSpan batchTimeout, Action<string> warn) =>
        Akka.Actor.Props.Create(() => new RefineDispatcherActor(weights, job, batchTimeout, warn));

    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void OnRequest(RequestRefineWork m)
    {
        if (!workers.TryGetValue(Sender, out var worker))
        {
            worker = new Worker(Sender, m.Node);
            workers[Sender] = worker;
            Context.Watch(Sender);
            log.Info("refine worker {0} joined ({1} in all)", m.Node, workers.Count);
        }
        // A second offer crossed the worker's answer: it is busy with the batch it holds and will ask when done.
        if (worker.Batch is not null) return;
        worker.Checksum = m.ModelChecksum;
        if (!idle.Contains(worker)) idle.AddLast(worker);
        DispatchToIdle();
    }

    private void OnRefined(RefinedBatch m)
    {
        if (workers.TryGetValue(Sender, out var worker) && worker.Batch == m.Batch) worker.Batch = null;
        if (!open.Remove(m.Batch, out var entry)) return; // another worker answered first
        queue.Remove(m.Batch);
        var expected = entry.Work.Count * entry.Work.Shape.Pixels;
        if (m.Pixels.Length != expected)
            entry.ReplyTo.Tell(new Status.Failure(new InvalidDataException($"batch {m.Batch} came back with {m.Pixels.Length} values, not {expected}")));
        else entry.ReplyTo.Tell(m.Pixels);
    }

    private void OnRefused(RefineRefused m)
    {
        if (workers.TryGetValue(Sender, out var worker) && worker.Batch == m.Batch)
        {
            worker.Batch = null;
            worker.Checksum = "";
        }
        if (!open.ContainsKey(m.Batch)) return;
        if (m.Retry) Requeue(m.Batch);
        else if (open.Remove(m.Batch, out var entry))
        {
            queue.Remove(m.Batch);
            entry.ReplyTo.Tell(new Status.Failure(new InvalidDataException(m.Reason)));
        }
    }

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        foreach (var late in workers.Values.Where(w => w.Batch is not null && w.Deadline < now).ToList())
            Drop(late.Actor, $"has not answered batch {late.Batch} within {batchTimeout.TotalSeconds:0} s");
        // Offer the job to discriminator nodes that have not asked yet; a lost offer is simply made again.
        var asked = workers.Values.Select(w => w.Actor.Path.Address).ToHashSet();
        foreach (var address in members.Where(a => !unreachable.Contains(a) && !asked.Contains(a)))
            Context.ActorSelection(new RootActorPath(address) / "user" / RefineWorkerActor.Name).Tell(new RefineWorkOffered(job));
    }

    private void DispatchToIdle()
    {
        while (queue.First is { } next && idle.First is { } first)
        {
            idle.RemoveFirst();
            queue.RemoveFirst();
            Assign(first.Value, next.Value);
        }
    }

    private void Assign(Worker worker, long batch)
    {
        var work = open[batch].Work;
        bool needsWeights = worker.Checksum != weights.Checksum;
        worker.Batch = batch;
        worker.Deadline = DateTime.UtcNow + batchTimeout;
        worker.Actor.Tell(new RefineWork(batch, weights.Checksum, needsWeights ? weights : null, work.Count,
                                         work.Shape.Channels, work.Shape.Height, work.Shape.Width, work.Pixels));
        worker.Checksum = weights.Checksum;
    }

    /// <summary>Forgets every worker on a node that is gone or unreachable; their batches go to others.</summary>
    private void Lose(Address address, string why)
    {
        foreach (var worker in workers.Values.Where(w => w.Actor.Path.Address == address).ToList()) Drop(worker.Actor, why);
    }

    /// <summary>
    /// Forgets a worker and puts its batch back at the front of the queue. If it was merely slow, its late answer
    /// is still taken, and its next request makes it a worker again.
    /// </summary>
    private void Drop(IActorRef actor, string why)
    {
        if (!workers.Remove(actor, out var worker)) return;
        Context.Unwatch(actor);
        idle.Remove(worker);
        if (worker.Batch is { } batch && open.ContainsKey(batch))
        {
            warn($"refine worker {worker.Node} {why}; batch {batch} goes to another worker");
            Requeue(batch);
        }
        else log.Info("refine worker {0} {1}", worker.Node, why);
    }

    private void Requeue(long batch)
    {
        if (!queue.Contains(batch)) queue.AddFirst(batch);
        DispatchToIdle();
    }
}
