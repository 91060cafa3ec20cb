namespace SimGan.Cluster.Hosting;

/// <summary>Keys under which the node's actors are registered with Akka.Hosting's ActorRegistry.</summary>
public sealed class CoordinatorKey;

public sealed class FeederKey;

public sealed class BufferRegionKey;

public sealed class WorkerKey;

public sealed class RefineWorkerKey;
