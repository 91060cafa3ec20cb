namespace SimGan.Cluster.Serialization;

/// <summary>Bytes this process has serialized and deserialized: what crossed the wire (in-process messages never do).</summary>
public static class WireStatistics
{
    private static long sent, received;

    public static long BytesSent => Interlocked.Read(ref sent);

    public static long BytesReceived => Interlocked.Read(ref received);

    internal static void CountSent(int bytes) => Interlocked.Add(ref sent, bytes);

    internal static void CountReceived(int bytes) => Interlocked.Add(ref received, bytes);
}
