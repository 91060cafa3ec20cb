namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Tests marked [Collection("netns")] build private networks with <see cref="NetworkNamespaces"/>. The collection
/// runs them one at a time (each spawns several processes on a 2-core machine) and, once per run, checks that the
/// machine supports namespaces and clears leftovers of crashed runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NetnsCollection : ICollectionFixture<NetnsHousekeeping>
{
    public const string Name = "netns";
}

/// <summary>The once-per-run part of <see cref="NetnsCollection"/>: fail fast without root, sweep stale namespaces.</summary>
public sealed class NetnsHousekeeping
{
    public NetnsHousekeeping()
    {
        NetworkNamespaces.RequireSupport();
        foreach (var name in NetworkNamespaces.CleanupStale())
            Console.Error.WriteLine($"netns: removed {name}, left by a test run that no longer runs");
    }
}
