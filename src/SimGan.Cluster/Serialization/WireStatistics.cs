namespace SimGan.Cluster.Serialization;

/// <summary>Bytes this process has serialized and deserialized: what crossed the wire (in-process messages never do).</summary>
public static class WireStatistics
{
    private static long sent, received, serializeTicks, deserializeTicks;

    public static long BytesSent => Interlocked.Read(ref sent);

    public static long BytesReceived => Interlocked.Read(ref received);

    public static double SerializeSeconds => Interlocked.Read(ref serializeTicks) / (double)System.Diagnostics.Stopwatch.Frequency;

    public static double DeserializeSeconds => Interlocked.Read(ref deserializeTicks) / (double)System.Diagnostics.Stopwatch.Frequency;

    internal static void CountSent(int bytes, long ticks)
    {
        Interlocked.Add(ref sent, bytes);
        Interlocked.Add(ref serializeTicks, ticks);
    }

    internal static void CountReceived(int bytes, long ticks)
    {
        Interlocked.Add(ref received, bytes);
        Interlocked.Add(ref deserializeTicks, ticks);
    }
}
