using System.Text.Json;
using SimGan.Cluster.Serialization;

namespace SimGan.Cli.Runs;

/// <summary>
/// cluster-timing.json: the driver's seconds per phase and what its serializer handled (messages that left the
/// process and, in the same count, the events and snapshots written to the store), for docs/scaling.md.
/// </summary>
public static class TimingReport
{
    public static void Write(string path, IReadOnlyDictionary<string, double> seconds)
    {
        var report = new Dictionary<string, object>
        {
            ["seconds_by_phase"] = seconds.OrderByDescending(kv => kv.Value).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3)),
            ["bytes_serialized"] = WireStatistics.BytesSent,
            ["bytes_deserialized"] = WireStatistics.BytesReceived,
            ["serialize_seconds"] = Math.Round(WireStatistics.SerializeSeconds, 3),
            ["deserialize_seconds"] = Math.Round(WireStatistics.DeserializeSeconds, 3),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
