using SimGan.Admin.Contract;

namespace SimGan.Admin.Tests.Support;

/// <summary>An in-memory cluster of three nodes, one unreachable, with a training under way; it records what it was asked.</summary>
public sealed class FakeClusterAdmin : IClusterAdmin
{
    public const string Driver = "akka.tcp://simgan@10.0.0.1:4053";
    public const string Worker = "akka.tcp://simgan@10.0.0.2:4053";
    public const string LostWorker = "akka.tcp://simgan@10.0.0.3:4053";

    public ClusterView Cluster { get; set; } = new(
        Driver,
        Driver,
        [
            new MemberView(Driver, ["refiner", "feeder", "buffer"], "Up", true, 1),
            new MemberView(Worker, ["discriminator"], "Up", true, 2),
            new MemberView(LostWorker, ["discriminator", "buffer"], "Up", false, 3),
        ],
        new Dictionary<string, string> { ["refiner"] = Driver, ["discriminator"] = Worker, ["buffer"] = Driver });

    public ShardRegionsView Regions { get; set; } = new([
        new ShardRegionView(Driver, "history-buffer", 4, 4),
        new ShardRegionView(LostWorker, "history-buffer", 2, 2),
    ]);

    public ShardStatsView Stats { get; set; } = new([
        new ShardStat(Driver, "0", 1, 640, 1000),
        new ShardStat(LostWorker, "1", 1, 360, 1000),
    ]);

    public TrainingStatusView? Training { get; set; } = new(
        "adversarial", 1200, 10000, 1, 1, 0.69, 0.71, 0.0123, 512.5, 1200, 1199, 2, 3, false, 1000, 42.5, 1000, 2000,
        123_456_789, 98_765_432);

    /// <summary>When set, every query throws it, to test how failures reach the caller.</summary>
    public Exception? Failure { get; set; }

    public List<string> Calls { get; } = [];

    public Task<ClusterView> GetClusterAsync(CancellationToken ct) => Reply(Cluster);

    public Task<AdminActionResult> LeaveAsync(string address, CancellationToken ct)
    {
        Calls.Add($"leave {address}");
        var target = address == AdminAddresses.Self ? Cluster.SelfAddress : Known(address);
        return Reply(new AdminActionResult(true, $"{target} is leaving"));
    }

    public Task<AdminActionResult> DownAsync(string address, CancellationToken ct)
    {
        Calls.Add($"down {address}");
        return Reply(new AdminActionResult(true, $"{Known(address)} downed"));
    }

    public Task<AdminActionResult> DownUnreachableAsync(CancellationToken ct)
    {
        Calls.Add("down-unreachable");
        var downed = Cluster.Members.Where(m => !m.Reachable).Select(m => m.Address);
        return Reply(new AdminActionResult(true, "downed " + string.Join(", ", downed)));
    }

    public Task<ShardRegionsView> GetShardRegionsAsync(CancellationToken ct) => Reply(Regions);

    public Task<ShardStatsView> GetShardStatsAsync(CancellationToken ct) => Reply(Stats);

    public Task<TrainingStatusView?> GetTrainingAsync(CancellationToken ct) => Reply(Training);

    public Task<AdminActionResult> PauseTrainingAsync(CancellationToken ct)
    {
        Calls.Add("pause");
        if (Training is null) throw new AdminException(409, "no training to pause");
        return Reply(new AdminActionResult(true, $"paused at step {Training.Step}"));
    }

    public Task<AdminActionResult> ResumeTrainingAsync(CancellationToken ct)
    {
        Calls.Add("resume");
        return Reply(new AdminActionResult(true, "resumed"));
    }

    public Task<AdminActionResult> SnapshotTrainingAsync(CancellationToken ct)
    {
        Calls.Add("snapshot");
        return Reply(new AdminActionResult(true, $"snapshot taken at step {Training?.Step}"));
    }

    private string Known(string address) =>
        Cluster.Members.Any(m => m.Address == address) ? address : throw new AdminException(404, $"no member at {address}");

    private Task<T> Reply<T>(T value) => Failure is null ? Task.FromResult(value) : Task.FromException<T>(Failure);
}
