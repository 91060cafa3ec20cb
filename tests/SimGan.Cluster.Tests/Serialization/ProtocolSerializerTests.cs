using Akka.Actor;
using Akka.Serialization;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Serialization;
using SimGan.Cluster.Tests.Hosting;

namespace SimGan.Cluster.Tests.Serialization;

/// <summary>One node for all serializer tests: starting an actor system costs seconds.</summary>
public sealed class DiscriminatorNodeFixture : IAsyncLifetime
{
    public DiscriminatorNodeHost Node { get; private set; } = null!;

    public ActorSystem System => Node.System;

    public async Task InitializeAsync() => Node = await DiscriminatorNodeHost.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

public class ProtocolSerializerTests(DiscriminatorNodeFixture fixture) : IClassFixture<DiscriminatorNodeFixture>
{
    public static TheoryData<string> MessageTypeNames => new(ProtocolSamples.MessageTypes.Select(t => t.Name));

    // Coordinator snapshots decode leniently on purpose (see Damaged_snapshot_rows_decode_to_the_damaged_marker).
    public static TheoryData<string> StrictMessageTypeNames =>
        new(ProtocolSamples.MessageTypes.Where(t => t != typeof(CoordinatorSnapshot)).Select(t => t.Name));

    static Type TypeNamed(string name) => ProtocolSamples.MessageTypes.Single(t => t.Name == name);

    ProtocolSerializer Serializer => (ProtocolSerializer)fixture.System.Serialization.FindSerializerForType(typeof(ISimGanMessage));

    static IEnumerable<object> Samples(Type type) => [ProtocolSamples.Create(type), ProtocolSamples.Create(type, nulls: true)];

    [Fact]
    public void The_protocol_is_found_by_reflection()
    {
        // Guards the guard: if reflection found nothing, every theory below would pass vacuously.
        Assert.True(ProtocolSamples.MessageTypes.Count >= 30, $"found only {ProtocolSamples.MessageTypes.Count} message types");
        Assert.Contains(typeof(DiscriminatorSliceTask), ProtocolSamples.MessageTypes);
        Assert.Contains(typeof(BufferShardSnapshot), ProtocolSamples.MessageTypes);
    }

    [Theory]
    [MemberData(nameof(MessageTypeNames))]
    public void The_node_binds_every_protocol_message_to_the_protocol_serializer(string typeName)
    {
        foreach (var message in Samples(TypeNamed(typeName)))
        {
            var serializer = fixture.System.Serialization.FindSerializerFor(message);
            Assert.IsType<ProtocolSerializer>(serializer);
            Assert.Equal(ProtocolSerializer.SerializerId, serializer.Identifier);
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypeNames))]
    public void Every_protocol_message_round_trips_with_equal_content(string typeName)
    {
        foreach (var message in Samples(TypeNamed(typeName)))
        {
            var serializer = Serializer;
            string manifest = serializer.Manifest(message);
            var back = serializer.FromBinary(serializer.ToBinary(message), manifest);
            Assert.IsType(message.GetType(), back);
            var differences = ProtocolSamples.Differences(message, back, typeName);
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypeNames))]
    public void Every_protocol_message_round_trips_through_akka_serialization_with_its_manifest(string typeName)
    {
        var message = ProtocolSamples.Create(TypeNamed(typeName));
        var serialization = fixture.System.Serialization;
        var serializer = (SerializerWithStringManifest)serialization.FindSerializerFor(message);
        var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, serializer.Manifest(message));
        var differences = ProtocolSamples.Differences(message, back, typeName);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Snapshots_do_not_leave_a_buffer_of_their_size_behind_on_the_thread()
    {
        // The driver's memory crept up over long runs because each pool thread that persisted a snapshot kept a
        // scratch buffer that size for good (docs/reliability.md, memory over 10,000 steps).
        int snapshotCapacity = 0, batchCapacity = 0;
        var thread = new Thread(() =>
        {
            Serializer.ToBinary(new CoordinatorSnapshot(7, new byte[6 << 20]));
            snapshotCapacity = ProtocolSerializer.ScratchCapacityOfThisThread;
            Serializer.ToBinary(new BatchReady(SimGan.Core.Training.DataStream.Real, 1, 32, new float[32 * 35 * 55]));
            batchCapacity = ProtocolSerializer.ScratchCapacityOfThisThread;
        });
        thread.Start();
        thread.Join();
        Assert.True(snapshotCapacity < 1 << 20, $"a 6 MB snapshot left a {snapshotCapacity}-byte buffer on its thread");
        // Per-step messages still reuse the thread's buffer: that is what makes encoding them fast.
        Assert.True(batchCapacity >= 32 * 35 * 55 * 4, $"the batch's buffer was not kept ({batchCapacity} bytes)");
    }

    [Fact]
    public void Manifests_are_distinct()
    {
        var manifests = ProtocolSamples.MessageTypes.Select(t => Serializer.Manifest(ProtocolSamples.Create(t))).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
    }

    [Fact]
    public void The_comparison_used_here_notices_a_changed_array_element()
    {
        // Records compare arrays by reference, so these tests compare field by field; check that comparison bites.
        var a = (DiscriminatorSliceComputed)ProtocolSamples.Create(typeof(DiscriminatorSliceComputed));
        var b = a with { Gradient = (float[])a.Gradient.Clone() };
        Assert.Empty(ProtocolSamples.Differences(a, b));
        b.Gradient[3] = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(b.Gradient[3]) ^ 1);
        Assert.NotEmpty(ProtocolSamples.Differences(a, b));
        Assert.NotEmpty(ProtocolSamples.Differences(a, a with { Loss = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a.Loss) ^ 1) }));
    }

    [Theory]
    [MemberData(nameof(StrictMessageTypeNames))]
    public void Truncated_bytes_throw_invalid_data_with_a_one_line_message(string typeName)
    {
        var message = ProtocolSamples.Create(TypeNamed(typeName), arrayLength: 3);
        var bytes = Serializer.ToBinary(message);
        string manifest = Serializer.Manifest(message);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var ex = Record.Exception(() => Serializer.FromBinary(bytes[..cut], manifest));
            Assert.True(ex is InvalidDataException, $"{typeName} cut to {cut} of {bytes.Length} bytes: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
            Assert.DoesNotContain('\n', ex!.Message);
            Assert.NotEmpty(ex.Message);
        }
    }

    [Fact]
    public void Damaged_snapshot_rows_decode_to_the_damaged_marker_so_resume_can_pass_over_them()
    {
        // A throw here would fail the snapshot store's whole load; the marker reaches the coordinator, whose
        // checkpoint check rejects it and loads the snapshot before.
        var snapshot = new CoordinatorSnapshot(20, [1, 2, 3, 4, 5]);
        var bytes = Serializer.ToBinary(snapshot);
        Assert.Equal(20, ((CoordinatorSnapshot)Serializer.FromBinary(bytes, "C2")).Step);
        for (int cut = 0; cut < bytes.Length; cut++)
            Assert.Same(ProtocolSerializer.Damaged, Serializer.FromBinary(bytes[..cut], "C2"));
        Assert.Same(ProtocolSerializer.Damaged, Serializer.FromBinary([.. bytes, 0], "C2"));
    }

    [Theory]
    [MemberData(nameof(StrictMessageTypeNames))]
    public void Stray_bytes_after_a_message_are_refused(string typeName)
    {
        var message = ProtocolSamples.Create(TypeNamed(typeName));
        var bytes = Serializer.ToBinary(message).Append((byte)0).ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => Serializer.FromBinary(bytes, Serializer.Manifest(message)));
        Assert.Contains("stray", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // not a 7-bit encoded integer
    [InlineData(new byte[] { 0x95, 0xE4, 0xD9, 0xFF, 0x09 })] // a negative length
    public void A_malformed_string_length_is_invalid_data_naming_the_manifest(byte[] lengthPrefix)
    {
        // Found by AFL++: BinaryReader's FormatException and IOException escaped the deserializer.
        var ex = Assert.Throws<InvalidDataException>(() => Serializer.FromBinary([.. lengthPrefix, 0, 0], "F3"));
        Assert.Contains("'F3'", ex.Message);
    }

    [Fact]
    public void A_truncated_message_names_its_manifest()
    {
        var message = new SliceRefused(3, 1, "no weights");
        var bytes = Serializer.ToBinary(message);
        var ex = Assert.Throws<InvalidDataException>(() => Serializer.FromBinary(bytes[..^2], "W9"));
        Assert.Contains("'W9'", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Serializer.FromBinary([], "Z9"));
        Assert.Contains("'Z9'", ex.Message);
        Assert.Contains("unknown", ex.Message);
    }

    [Fact]
    public void A_feed_stream_out_of_range_is_refused()
    {
        var bytes = Serializer.ToBinary(new RequestBatch(Core.Training.DataStream.Real, 5));
        bytes[0] = 9;
        var ex = Assert.Throws<InvalidDataException>(() => Serializer.FromBinary(bytes, "F4"));
        Assert.Contains("stream 9", ex.Message);
    }

    [Fact]
    public void An_int_array_longer_than_its_message_is_refused_without_allocating_it()
    {
        var bytes = Serializer.ToBinary(new SampleImages("run", 1, 2, 7, [1, 2, 3]));
        // The slot count sits after the run string (1 + 3 bytes), shard (4), request (8) and step (8).
        BitConverter.GetBytes(1 << 30).CopyTo(bytes, 24);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Serializer.FromBinary(bytes, "B14"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Objects_outside_the_protocol_have_no_manifest()
    {
        Assert.Throws<ArgumentException>(() => Serializer.Manifest("a string"));
        Assert.Throws<ArgumentException>(() => Serializer.ToBinary(new NotAMessage(1)));
    }

    [Fact]
    public void An_unbound_class_fails_to_serialize_instead_of_falling_back_to_json()
    {
        // hocon/base.conf sets allow-unregistered-types = false.
        Assert.False(fixture.System.Settings.Config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types", true));
        var ex = Record.Exception(() =>
        {
            var serializer = fixture.System.Serialization.FindSerializerFor(new NotAMessage(1));
            serializer.ToBinary(new NotAMessage(1));
        });
        Assert.NotNull(ex);
        Assert.Contains(nameof(NotAMessage), ex.Message);
        Assert.Contains("allow-unregistered-types", ex.Message);
    }

    public sealed record NotAMessage(int Value);
}
