namespace SimGan.Admin.Contract;

/// <summary>
/// What the admin API can ask of the cluster. The cluster implements it; the HTTP server only translates.
/// Bad input (an unknown address, pausing when nothing trains) is an <see cref="AdminException"/>.
/// </summary>
public interface IClusterAdmin
{
    Task<ClusterView> GetClusterAsync(CancellationToken ct);

    /// <param name="address">A member address, or <see cref="AdminAddresses.Self"/> for the node serving the call.</param>
    Task<AdminActionResult> LeaveAsync(string address, CancellationToken ct);

    Task<AdminActionResult> DownAsync(string address, CancellationToken ct);

    /// <summary>Downs every unreachable member; the result lists the addresses downed.</summary>
    Task<AdminActionResult> DownUnreachableAsync(CancellationToken ct);

    Task<ShardRegionsView> GetShardRegionsAsync(CancellationToken ct);

    Task<ShardStatsView> GetShardStatsAsync(CancellationToken ct);

    /// <returns>null when no training runs on this cluster.</returns>
    Task<TrainingStatusView?> GetTrainingAsync(CancellationToken ct);

    Task<AdminActionResult> PauseTrainingAsync(CancellationToken ct);

    Task<AdminActionResult> ResumeTrainingAsync(CancellationToken ct);

    /// <summary>Takes a snapshot now; the result says at which step.</summary>
    Task<AdminActionResult> SnapshotTrainingAsync(CancellationToken ct);
}
