using Akka.Actor;

namespace SimGan.Cluster.Training;

/// <summary>
/// Which worker holds which slice of the current D step, and since when. Losing a worker, a refusal or a timeout
/// hands its slices to the others; results are kept by slice number, so who computed a slice never matters.
/// </summary>
public sealed class SliceAssignments
{
    private readonly Dictionary<int, (IActorRef Worker, DateTime Since)> outstanding = new();

    public SliceAssignments(long step, int slices)
    {
        Step = step;
        Results = new Core.Training.SliceGradient?[slices];
    }

    public long Step { get; }

    public Core.Training.SliceGradient?[] Results { get; }

    public bool Complete => Results.All(r => r is not null);

    public IEnumerable<int> Unassigned =>
        Enumerable.Range(0, Results.Length).Where(k => Results[k] is null && !outstanding.ContainsKey(k));

    public void Assign(int slice, IActorRef worker, DateTime now) => outstanding[slice] = (worker, now);

    /// <summary>Records a result; false if it is for a slice already done (a late duplicate).</summary>
    public bool Accept(int slice, Core.Training.SliceGradient result)
    {
        if (slice < 0 || slice >= Results.Length || Results[slice] is not null) return false;
        Results[slice] = result;
        outstanding.Remove(slice);
        return true;
    }

    /// <summary>Frees the slices held by a worker that left, so they are handed out again.</summary>
    public int Release(IActorRef worker)
    {
        var lost = outstanding.Where(kv => kv.Value.Worker.Equals(worker)).Select(kv => kv.Key).ToList();
        foreach (int k in lost) outstanding.Remove(k);
        return lost.Count;
    }

    public void Release(int slice) => outstanding.Remove(slice);

    /// <summary>Frees slices that have been out longer than the timeout.</summary>
    public IReadOnlyList<int> ReleaseOverdue(DateTime now, TimeSpan timeout)
    {
        var overdue = outstanding.Where(kv => now - kv.Value.Since > timeout).Select(kv => kv.Key).ToList();
        foreach (int k in overdue) outstanding.Remove(k);
        return overdue;
    }
}
