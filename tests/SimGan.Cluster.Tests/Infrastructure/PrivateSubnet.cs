using System.Net;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Picks a 10.231.X.0/24 that no route of this machine touches. The test hosts live in their own namespaces and see
/// only their own routes, so a clash could not misroute them; but an address that also means something on the real
/// network makes logs ambiguous, and would shadow it if a test ever routes the root namespace to the bridge.
/// </summary>
public static class PrivateSubnet
{
    /// <summary>The network address of a free /24, e.g. 10.231.57.0.</summary>
    public static IPAddress Pick()
    {
        var routes = BoundedCommand.Check(TimeSpan.FromSeconds(10), "ip", "-4", "route", "show", "table", "all").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Destination)
            .OfType<(uint, int)>()
            .ToList();
        foreach (var x in Enumerable.Range(0, 256).OrderBy(_ => Random.Shared.Next()))
        {
            var candidate = (Address: (10u << 24) | (231u << 16) | ((uint)x << 8), Length: 24);
            if (!routes.Any(r => Overlap(r, candidate)))
                return new IPAddress(BitConverter.GetBytes(candidate.Address).Reverse().ToArray());
        }
        throw new InvalidOperationException("no free /24 in 10.231.0.0/16: every one overlaps a route of this machine (ip route)");
    }

    /// <summary>The destination prefix of one `ip route` line; null for the default route, which overlaps everything by design.</summary>
    static (uint Address, int Length)? Destination(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] types = ["unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat", "anycast"];
        var destination = types.Contains(words[0]) && words.Length > 1 ? words[1] : words[0];
        if (destination == "default") return null;
        var parts = destination.Split('/');
        if (!IPAddress.TryParse(parts[0], out var address)) return null;
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3],
                parts.Length > 1 && int.TryParse(parts[1], out var length) ? length : 32);
    }

    static bool Overlap((uint Address, int Length) a, (uint Address, int Length) b)
    {
        var common = Math.Min(a.Length, b.Length);
        if (common == 0) return true;
        var mask = uint.MaxValue << (32 - common);
        return (a.Address & mask) == (b.Address & mask);
    }
}
