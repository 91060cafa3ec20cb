using Akka.Actor;
using SimGan.Cluster.Protocol;

namespace SimGan.Cluster.Training;

/// <summary>
/// The slice workers the coordinator knows: what each computes, which weights it holds, and which of the step's slices
/// it has. Losing a worker, a refusal or a timeout hands its slices to the others; results count by slice number, so who
/// computed a slice never matters.
/// </summary>
public sealed class WorkerPool
{
    private sealed class Worker(IActorRef actor, bool refines, bool discriminates)
    {
        public IActorRef Actor { get; } = actor;
        public bool Refines { get; } = refines;
        public bool Discriminates { get; } = discriminates;
        public Dictionary<NetworkKind, long> Holds { get; } = new();
    }

    private readonly List<Worker> workers = new();
    private readonly Dictionary<int, (Worker Worker, DateTime Since)> outstanding = new();
    private bool[] done = [];
    private bool refinerStep;
    private long dispatched;

    public int Count => workers.Count;

    public long Step { get; private set; } = -1;

    public bool StepComplete => done.All(d => d);

    /// <summary>Adds a worker; false if it was known already.</summary>
    public bool Add(IActorRef actor, bool refines, bool discriminates)
    {
        if (workers.Any(w => w.Actor.Equals(actor))) return false;
        workers.Add(new Worker(actor, refines, discriminates));
        return true;
    }

    /// <summary>Removes a worker; returns how many slices of the step it held (they are handed out again), or −1 if it was not known.</summary>
    public int Remove(IActorRef actor)
    {
        if (workers.FindIndex(w => w.Actor.Equals(actor)) is var i and >= 0) workers.RemoveAt(i);
        else return -1;
        var lost = outstanding.Where(o => o.Value.Worker.Actor.Equals(actor)).Select(o => o.Key).ToList();
        foreach (int k in lost) outstanding.Remove(k);
        return lost.Count;
    }

    /// <summary>Whether any worker can compute this step's kind of slice.</summary>
    public bool CanCompute(bool refiner) => workers.Any(w => refiner ? w.Refines : w.Discriminates);

    /// <summary>A new step's slices; every earlier assignment is forgotten.</summary>
    public void Begin(long step, int slices, bool refiner)
    {
        Step = step;
        refinerStep = refiner;
        done = new bool[slices];
        outstanding.Clear();
    }

    /// <summary>Hands every slice that is neither done nor out to a worker that can compute it, round robin.</summary>
    public IReadOnlyList<(int Slice, IActorRef Worker)> Assign(DateTime now)
    {
        var capable = workers.Where(w => refinerStep ? w.Refines : w.Discriminates).ToList();
        var assigned = new List<(int, IActorRef)>();
        if (capable.Count == 0) return assigned;
        for (int k = 0; k < done.Length; k++)
        {
            if (done[k] || outstanding.ContainsKey(k)) continue;
            var worker = capable[(int)(dispatched++ % capable.Count)];
            outstanding[k] = (worker, now);
            assigned.Add((k, worker.Actor));
        }
        return assigned;
    }

    /// <summary>Whether the worker holds this version of a network (it has been sent it).</summary>
    public bool Holds(IActorRef actor, NetworkKind network, long version) =>
        workers.FirstOrDefault(w => w.Actor.Equals(actor)) is { } w && w.Holds.GetValueOrDefault(network, -1) == version;

    public void Sent(IActorRef actor, NetworkKind network, long version)
    {
        if (workers.FirstOrDefault(w => w.Actor.Equals(actor)) is { } w) w.Holds[network] = version;
    }

    /// <summary>The worker refused a slice: it does not hold what was thought; send it everything again.</summary>
    public void Refused(IActorRef actor, long step, int slice)
    {
        if (workers.FirstOrDefault(w => w.Actor.Equals(actor)) is { } w) w.Holds.Clear();
        if (step == Step) outstanding.Remove(slice);
    }

    /// <summary>Records a result; false if it is for another step or a slice already done (a late duplicate).</summary>
    public bool Done(long step, int slice)
    {
        if (step != Step || slice < 0 || slice >= done.Length || done[slice]) return false;
        done[slice] = true;
        outstanding.Remove(slice);
        return true;
    }

    /// <summary>Frees slices out longer than the timeout, so they are handed out again.</summary>
    public IReadOnlyList<int> ReleaseOverdue(DateTime now, TimeSpan timeout)
    {
        var overdue = outstanding.Where(o => now - o.Value.Since > timeout).Select(o => o.Key).ToList();
        foreach (int k in overdue) outstanding.Remove(k);
        return overdue;
    }

    /// <summary>Slices of the step still to compute.</summary>
    public int Pending => done.Count(d => !d);
}
