using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SimGan.Admin.Contract;
using SimGan.Cluster.Hosting;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Serialization;

namespace SimGan.Cluster.Admin;

/// <summary>
/// What `simgan ctl` sees of this node's cluster: membership from Akka.Cluster, shard placement from
/// Cluster.Sharding, training state from the coordinator singleton (asked through its proxy).
/// </summary>
public sealed class ClusterAdmin(ActorSystem system, IActorRegistry registry) : IClusterAdmin
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(system);

    public Task<ClusterView> GetClusterAsync(CancellationToken ct)
    {
        var state = Cluster.State;
        var members = state.Members.Select(m => new MemberView(m.Address.ToString(), m.Roles.OrderBy(r => r).ToArray(),
            m.Status.ToString(), !state.Unreachable.Contains(m), 0)).ToArray();
        var oldest = Roles.All.Select(role => (role, member: state.Members
                .Where(m => m.HasRole(role) && m.Status == MemberStatus.Up)
                .OrderBy(m => m, Member.AgeOrdering).FirstOrDefault()))
            .Where(x => x.member is not null)
            .ToDictionary(x => x.role, x => x.member!.Address.ToString());
        return Task.FromResult(new ClusterView(Cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, oldest));
    }

    public Task<AdminActionResult> LeaveAsync(string address, CancellationToken ct)
    {
        var target = Resolve(address);
        Cluster.Leave(target);
        return Task.FromResult(new AdminActionResult(true, $"{target} asked to leave the cluster"));
    }

    public Task<AdminActionResult> DownAsync(string address, CancellationToken ct)
    {
        var target = Resolve(address);
        Cluster.Down(target);
        return Task.FromResult(new AdminActionResult(true, $"{target} marked down"));
    }

    public Task<AdminActionResult> DownUnreachableAsync(CancellationToken ct)
    {
        var unreachable = Cluster.State.Unreachable.Select(m => m.Address).ToList();
        foreach (var a in unreachable) Cluster.Down(a);
        return Task.FromResult(new AdminActionResult(true, unreachable.Count == 0
            ? "no member is unreachable"
            : "marked down: " + string.Join(", ", unreachable)));
    }

    public async Task<ShardRegionsView> GetShardRegionsAsync(CancellationToken ct)
    {
        var stats = await RegionStats(ct);
        return new ShardRegionsView(stats.Regions.Select(kv => new ShardRegionView(kv.Key.ToString(), ClusterSetup.BufferTypeName,
            kv.Value.Stats.Count, kv.Value.Stats.Values.Sum())).ToArray());
    }

    public async Task<ShardStatsView> GetShardStatsAsync(CancellationToken ct)
    {
        var regions = await RegionStats(ct);
        var status = await Training(ct);
        var buffer = registry.Get<BufferRegionKey>();
        var rows = new List<ShardStat>();
        int shards = status?.BufferShards ?? 0;
        string runId = status?.RunId ?? "";
        for (int k = 0; k < shards; k++)
        {
            try
            {
                var s = await buffer.Ask<ShardStats>(new GetShardStats(runId, k), AskTimeout, ct);
                rows.Add(new ShardStat(s.Node, $"{runId}.{k}", 1, s.Filled, s.Capacity));
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
            {
                rows.Add(new ShardStat("unreachable", $"{runId}.{k}", 0, 0, 0));
            }
        }
        // Regions that host no buffer entity of this run still show, so an empty node is visible.
        foreach (var (address, region) in regions.Regions)
            if (!rows.Any(r => r.Node == address.ToString()) && region.Stats.Count == 0)
                rows.Add(new ShardStat(address.ToString(), "-", 0, 0, 0));
        return new ShardStatsView(rows.ToArray());
    }

    public async Task<TrainingStatusView?> GetTrainingAsync(CancellationToken ct)
    {
        var s = await Training(ct);
        return s is null ? null : new TrainingStatusView(s.Phase, s.Step, s.TotalSteps, s.KG, s.KD, s.LossD, s.LossRAdversarial,
            s.LossRSelfRegularization, s.ImagesPerSecond, s.RefinerVersion, s.DiscriminatorVersion, s.WorkersUp, s.WorkersWanted,
            s.Paused, s.LastSnapshotStep, s.SnapshotAgeSeconds, s.BufferFill, s.BufferCapacity,
            WireStatistics.BytesSent, WireStatistics.BytesReceived);
    }

    public Task<AdminActionResult> PauseTrainingAsync(CancellationToken ct) => Command(PauseTraining.Instance, ct);

    public Task<AdminActionResult> ResumeTrainingAsync(CancellationToken ct) => Command(ResumeTraining.Instance, ct);

    public Task<AdminActionResult> SnapshotTrainingAsync(CancellationToken ct) => Command(SnapshotTraining.Instance, ct);

    private async Task<AdminActionResult> Command(ISimGanMessage command, CancellationToken ct)
    {
        try
        {
            var result = await registry.Get<CoordinatorKey>().Ask<CommandResult>(command, AskTimeout, ct);
            return new AdminActionResult(result.Ok, result.Message);
        }
        catch (AskTimeoutException)
        {
            throw new AdminException(503, "the training coordinator did not answer (no training running, or it is moving)");
        }
    }

    private async Task<TrainingStatus?> Training(CancellationToken ct)
    {
        try { return await registry.Get<CoordinatorKey>().Ask<TrainingStatus>(GetTrainingStatus.Instance, AskTimeout, ct); }
        catch (AskTimeoutException) { return null; }
    }

    private async Task<ClusterShardingStats> RegionStats(CancellationToken ct)
    {
        var sharding = ClusterSharding.Get(system);
        var region = sharding.ShardTypeNames.Contains(ClusterSetup.BufferTypeName)
            ? sharding.ShardRegion(ClusterSetup.BufferTypeName)
            : registry.Get<BufferRegionKey>();
        try { return await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(AskTimeout), AskTimeout + AskTimeout, ct); }
        catch (AskTimeoutException) { throw new AdminException(503, "the history-buffer shard regions did not answer in time"); }
    }

    private Address Resolve(string address)
    {
        if (address == "self") return Cluster.SelfAddress;
        var member = Cluster.State.Members.FirstOrDefault(m => m.Address.ToString() == address || HostPort(m.Address) == address);
        return member?.Address ?? throw new AdminException(404, $"no cluster member has the address {address}");
    }

    private static string HostPort(Address a) => $"{a.Host}:{a.Port}";
}
