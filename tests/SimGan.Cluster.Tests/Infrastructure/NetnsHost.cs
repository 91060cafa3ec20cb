using System.Net;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>One simulated machine of <see cref="NetworkNamespaces"/>: a network namespace with one interface, eth0.</summary>
public sealed record NetnsHost(int Index, string Name, IPAddress Address);
