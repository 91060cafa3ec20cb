namespace SimGan.Admin.Contract;

/// <summary>The paths of the admin API (see contract.md), shared by server and client so they cannot drift.</summary>
public static class AdminRoutes
{
    public const string HealthPrefix = "/health";
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Metrics = "/metrics";
    public const string Cluster = "/api/cluster";
    public const string Leave = "/api/cluster/leave";
    public const string Down = "/api/cluster/down";
    public const string DownUnreachable = "/api/cluster/down-unreachable";
    public const string ShardRegions = "/api/sharding/regions";
    public const string ShardStats = "/api/sharding/stats";
    public const string Training = "/api/training";
    public const string Pause = "/api/training/pause";
    public const string Resume = "/api/training/resume";
    public const string Snapshot = "/api/training/snapshot";
}
