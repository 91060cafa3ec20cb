using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SimGan.Admin.Server;

/// <summary>
/// Which registered health checks answer which probe. The tags are the ones Akka.Hosting gives its own checks:
/// <c>WithActorSystemLivenessCheck()</c> tags "akka","liveness"; <c>WithAkkaClusterReadinessCheck()</c> tags
/// "akka","ready","akka.cluster"; journal/snapshot <c>WithHealthCheck()</c> tag "akka","persistence",...
/// </summary>
public static class AdminHealth
{
    public const string LivenessTag = "liveness";
    public const string ReadinessTag = "ready";
    public const string PersistenceTag = "persistence";

    /// <summary>Liveness says only "restart me or not": a slow database must not get a healthy process killed.</summary>
    public static bool IsLiveness(HealthCheckRegistration check) => check.Tags.Contains(LivenessTag);

    /// <summary>Readiness: joined the cluster, and the event store (if checked) answers.</summary>
    public static bool IsReadiness(HealthCheckRegistration check) =>
        check.Tags.Contains(ReadinessTag) || check.Tags.Contains(PersistenceTag);
}
