using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Serialization;
using SimGan.Core.Training;

namespace SimGan.Cluster.Benchmarks;

/// <summary>One measured quantity: its median and spread over the repetitions.</summary>
public sealed record WireMeasurement(string Name, double Median, double Min, double Max, string Unit);

/// <summary>
/// How fast tensors cross the wire: the serializer alone (GB/s each way) and a whole message between two actor
/// systems over TCP on 127.0.0.1 (latency of one batch, acknowledged by a small reply).
/// </summary>
public static class WireBenchmark
{
    public static IReadOnlyList<WireMeasurement> Run(int images, int repetitions, Action<string> progress)
    {
        var pixels = new float[images * 35 * 55];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (i % 977) / 977f;
        var batch = new BatchReady(DataStream.Real, 1, images, pixels);
        double megabytes = pixels.Length * 4 / 1e6;
        var results = new List<WireMeasurement>();
        foreach (var precision in new[] { "float32", "float16" })
        {
            progress($"serializer, {precision}");
            results.AddRange(Serializer(batch, precision, repetitions, megabytes));
            progress($"loopback round trip, {precision}");
            results.Add(Loopback(batch, precision, repetitions, megabytes));
        }
        return results;
    }

    private static IEnumerable<WireMeasurement> Serializer(BatchReady batch, string precision, int repetitions, double megabytes)
    {
        using var system = ActorSystem.Create("wire-bench", Settings(precision, remote: false));
        var serializer = new ProtocolSerializer((ExtendedActorSystem)system);
        var bytes = serializer.ToBinary(batch);
        serializer.FromBinary(bytes, serializer.Manifest(batch));
        var write = new List<double>();
        var read = new List<double>();
        for (int i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes = serializer.ToBinary(batch);
            write.Add(megabytes / 1000 / watch.Elapsed.TotalSeconds);
            watch.Restart();
            serializer.FromBinary(bytes, serializer.Manifest(batch));
            read.Add(megabytes / 1000 / watch.Elapsed.TotalSeconds);
        }
        yield return Summary($"serialize {megabytes:0.0} MB batch ({precision} images, {bytes.Length / 1e6:0.0} MB on the wire)", write, "GB/s of floats");
        yield return Summary($"deserialize {megabytes:0.0} MB batch ({precision} images)", read, "GB/s of floats");
    }

    private static WireMeasurement Loopback(BatchReady batch, string precision, int repetitions, double megabytes)
    {
        using var a = ActorSystem.Create("wire", Settings(precision, remote: true));
        using var b = ActorSystem.Create("wire", Settings(precision, remote: true));
        b.ActorOf(Props.Create(() => new Acknowledger()), "ack");
        var address = ((ExtendedActorSystem)b).Provider.DefaultAddress;
        var target = a.ActorSelection(new RootActorPath(address) / "user" / "ack").ResolveOne(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        var times = new List<double>();
        for (int i = -2; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            target.Ask<ImagesPut>(batch, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            if (i >= 0) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Summary($"{megabytes:0.0} MB batch a→b over TCP 127.0.0.1 + small ack ({precision} images)", times, "ms");
    }

    private sealed class Acknowledger : ReceiveActor
    {
        public Acknowledger() => Receive<BatchReady>(m => Sender.Tell(new ImagesPut("bench", 0, m.Number, m.Count)));
    }

    private static WireMeasurement Summary(string name, List<double> values, string unit)
    {
        values.Sort();
        return new WireMeasurement(name, values[values.Count / 2], values[0], values[^1], unit);
    }

    private static Config Settings(string precision, bool remote) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = {{(remote ? "remote" : "local")}}
        akka.actor.serializers.simgan = "{{typeof(ProtocolSerializer).AssemblyQualifiedName}}"
        akka.actor.serialization-bindings { "{{typeof(ISimGanMessage).AssemblyQualifiedName}}" = simgan }
        akka.actor.serialization-identifiers { "{{typeof(ProtocolSerializer).AssemblyQualifiedName}}" = {{ProtocolSerializer.SerializerId}} }
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, maximum-frame-size = 32000000b, send-buffer-size = 64000000b, receive-buffer-size = 64000000b }
        # The two systems drop their association when the benchmark ends; that is not worth a stack trace.
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        simgan.wire.image-precision = {{precision}}
        """);
}
