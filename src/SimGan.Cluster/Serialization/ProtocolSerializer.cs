using System.Text;
using Akka.Actor;
using Akka.Serialization;
using SimGan.Cluster.Protocol;
using SimGan.Core.Tensors;
using SimGan.Core.Training;

namespace SimGan.Cluster.Serialization;

/// <summary>
/// The one serializer for <see cref="ISimGanMessage"/>: a short manifest per type and a hand-written binary body.
/// Tensors travel as raw floats (see <see cref="TensorCodec"/>); images may travel as fp16/bf16 when
/// <c>simgan.wire.image-precision</c> says so, gradients and weights never do.
/// </summary>
public sealed class ProtocolSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 4711;

    private readonly WirePrecision images;

    public ProtocolSerializer(ExtendedActorSystem system) : base(system)
    {
        var setting = system.Settings.Config.GetString("simgan.wire.image-precision", "float32");
        images = setting switch
        {
            "float32" => WirePrecision.Float32,
            "float16" => WirePrecision.Float16,
            "bfloat16" => WirePrecision.BFloat16,
            _ => throw new ArgumentException($"simgan.wire.image-precision must be float32, float16 or bfloat16, not '{setting}'"),
        };
    }

    public override int Identifier => SerializerId;

    /// <summary>What a coordinator snapshot row that does not decode becomes: a snapshot with no checkpoint.</summary>
    public static readonly CoordinatorSnapshot Damaged = new(-1, []);

    public override string Manifest(object o) => ManifestOf(o);

    /// <summary>The manifest of a protocol message; needs no actor system (the fuzzer calls it directly).</summary>
    public static string ManifestOf(object o) => o switch
    {
        StartFeeding => "F1", FeedingStarted => "F2", FeedingFailed => "F3", RequestBatch => "F4", BatchReady => "F5",
        RequestRows => "F6", RowsReady => "F7",
        // W1-W9 replaced D1-D6 when R's steps were sliced too: a node of the older layout drops them.
        RegisterWorker => "W1", WorkerRegistered => "W2", RunInfo => "W3", NetworkWeights => "W4", RefinerSliceTask => "W5",
        RefinerSliceComputed => "W6", DiscriminatorSliceTask => "W7", DiscriminatorSliceComputed => "W8", SliceRefused => "W9",
        // B12-B15 replaced B3-B6 when history reads and writes gained their step.
        ConfigureShard => "B1", ShardConfigured => "B2", PutImages => "B12", ImagesPut => "B13", SampleImages => "B14",
        ImagesSampled => "B15", CheckpointShard => "B7", GetShardStats => "B9",
        ShardStats => "B10", BufferShardSnapshot => "B11",
        StepRecorded => "C1", CoordinatorSnapshot => "C2", GetTrainingStatus => "C3", TrainingStatus => "C4",
        PauseTraining => "C5", ResumeTraining => "C6", SnapshotTraining => "C7", CommandResult => "C8",
        RefineWorkOffered => "R1", RequestRefineWork => "R2", RefinerWeights => "R7", RefineWork => "R8", RefinedBatch => "R5",
        RefineRefused => "R6",
        _ => throw new ArgumentException($"{o.GetType().Name} is not a SimGanCluster protocol message"),
    };

    public override byte[] ToBinary(object o)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        // Encoded into a buffer this thread keeps, then copied out once at the exact size: a fresh multi-megabyte
        // buffer per message cost page faults and a second copy, and made serializing 10-20x slower than reading.
        // Snapshots are rare and as large as the history buffer. Kept in the scratch buffer of whichever pool thread
        // persisted them, they pinned a buffer that size per thread, and the driver's memory crept up over a long run
        // as more threads took a turn (docs/reliability.md): they get a stream of their own.
        bool rare = o is CoordinatorSnapshot or BufferShardSnapshot;
        var stream = rare ? new MemoryStream(EstimatedSize(o)) : Scratch.Value!;
        stream.SetLength(0);
        if (stream.Capacity < EstimatedSize(o)) stream.Capacity = EstimatedSize(o);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) Write(w, o);
        var bytes = stream.ToArray();
        // Do not keep an unusually large buffer alive for good.
        if (!rare && stream.Capacity > ScratchLimit) Scratch.Value = new MemoryStream();
        WireStatistics.CountSent(bytes.Length, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        return bytes;
    }

    private const int ScratchLimit = 16 << 20;

    private static readonly ThreadLocal<MemoryStream> Scratch = new(() => new MemoryStream());

    /// <summary>The encoding buffer the calling thread keeps between messages, in bytes.</summary>
    internal static int ScratchCapacityOfThisThread => Scratch.Value!.Capacity;

    private int EstimatedSize(object o)
    {
        int imageBytes = images == WirePrecision.Float32 ? 4 : 2;
        return 256 + o switch
        {
            BatchReady m => m.Pixels.Length * imageBytes,
            RowsReady m => m.Pixels.Length * imageBytes,
            RefinerSliceTask m => (m.Refiner?.Weights.Length ?? 0) * 4 + (m.Discriminator?.Weights.Length ?? 0) * 4 + m.Run.OptionsJson.Length * 3,
            DiscriminatorSliceTask m => (m.Refiner?.Weights.Length ?? 0) * 4 + (m.Discriminator?.Weights.Length ?? 0) * 4 + m.Run.OptionsJson.Length * 3
                                        + (m.ReadSlots.Length + m.WriteSlots.Length) * 4,
            RefinerSliceComputed m => m.Gradient.Length * 4,
            DiscriminatorSliceComputed m => m.Gradient.Length * 4,
            NetworkWeights m => m.Weights.Length * 4,
            PutImages m => m.Pixels.Length * imageBytes + m.Slots.Length * 4,
            ImagesSampled m => m.Pixels.Length * imageBytes,
            SampleImages m => m.Slots.Length * 4,
            BufferShardSnapshot m => m.Contents.Length * 4,
            CoordinatorSnapshot m => m.Checkpoint.Length,
            RefinerWeights m => m.Weights.Length * 4,
            RefineWork m => m.Pixels.Length * imageBytes + (m.Weights?.Weights.Length * 4 ?? 0),
            RefinedBatch m => m.Pixels.Length * imageBytes,
            _ => 0,
        };
    }

    public override object FromBinary(byte[] bytes, string manifest) => Decode(bytes, manifest);

    /// <summary>
    /// A message from its bytes and manifest, or an <see cref="InvalidDataException"/> saying what is wrong with them;
    /// needs no actor system (the fuzzer calls it directly).
    /// </summary>
    public static object Decode(byte[] bytes, string manifest)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        // A damaged snapshot row must reach the coordinator, which passes over it to the one before; a throw here
        // fails the whole load instead. An empty checkpoint does not decode, so the coordinator sees the damage.
        if (manifest == "C2")
        {
            try
            {
                var snapshot = new CoordinatorSnapshot(r.ReadInt64(), r.ReadBytes());
                return r.BaseStream.Position == r.BaseStream.Length ? snapshot : Damaged;
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException) { return Damaged; }
        }
        try
        {
            var message = Read(r, manifest);
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException($"{bytes.Length - r.BaseStream.Position} stray bytes");
            WireStatistics.CountReceived(bytes.Length, System.Diagnostics.Stopwatch.GetTimestamp() - start);
            return message;
        }
        catch (EndOfStreamException) { throw new InvalidDataException($"message '{manifest}' is truncated"); }
        // BinaryReader's own verdicts on string lengths: not a 7-bit integer, or negative (found by fuzzing).
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw new InvalidDataException($"message '{manifest}' is malformed ({ex.Message})");
        }
    }

    private void Write(BinaryWriter w, object o)
    {
        switch (o)
        {
            case StartFeeding m: w.Write(m.Synthetic); w.Write(m.Real); w.Write(m.OptionsJson); w.Write(m.Strict); break;
            case FeedingStarted m: w.Write(m.Channels); w.Write(m.Height); w.Write(m.Width); w.Write(m.SyntheticCount); w.Write(m.RealCount); break;
            case FeedingFailed m: w.Write(m.Reason); break;
            case RequestBatch m: w.Write((byte)m.Stream); w.Write(m.Number); break;
            case BatchReady m: w.Write((byte)m.Stream); w.Write(m.Number); w.Write(m.Count); w.WriteFloats(m.Pixels, images); break;
            case RequestRows m: w.Write(m.Request); w.Write((byte)m.Stream); w.Write(m.Number); w.Write(m.Start); w.Write(m.Count); break;
            case RowsReady m: w.Write(m.Request); w.WriteFloats(m.Pixels, images); break;
            case RegisterWorker m: w.Write(m.Node); w.Write(m.Refines); w.Write(m.Discriminates); break;
            case WorkerRegistered: break;
            case RunInfo m: WriteRun(w, m); break;
            case NetworkWeights m: WriteWeights(w, m); break;
            case RefinerSliceTask m:
                WriteRun(w, m.Run);
                w.Write(m.Step); w.Write(m.Slice); w.Write(m.Batch); w.Write(m.RowStart); w.Write(m.RowCount); w.Write(m.BatchRows);
                w.Write(m.Adversarial); w.Write(m.RefinerVersion); w.Write(m.DiscriminatorVersion); w.Write(m.LossScale);
                WriteOptionalWeights(w, m.Refiner); WriteOptionalWeights(w, m.Discriminator);
                break;
            case RefinerSliceComputed m:
                w.Write(m.Step); w.Write(m.Slice); w.WriteFloats(m.Gradient); w.Write(m.Adversarial); w.Write(m.SelfRegularization); w.Write(m.Seconds);
                break;
            case DiscriminatorSliceTask m:
                WriteRun(w, m.Run);
                w.Write(m.Step); w.Write(m.Slice); w.Write(m.Batch); w.Write(m.Half); w.Write(m.RefinedTotal); w.Write(m.RealTotal);
                w.Write(m.CurrentStart); w.Write(m.CurrentCount); w.Write(m.HistoryStart); w.Write(m.HistoryCount); w.Write(m.RealStart); w.Write(m.RealCount);
                w.WriteInts(m.ReadSlots); w.WriteInts(m.WriteSlots); w.Write(m.RefinerVersion); w.Write(m.DiscriminatorVersion); w.Write(m.LossScale);
                WriteOptionalWeights(w, m.Refiner); WriteOptionalWeights(w, m.Discriminator);
                break;
            case DiscriminatorSliceComputed m: w.Write(m.Step); w.Write(m.Slice); w.WriteFloats(m.Gradient); w.Write(m.Loss); w.Write(m.Seconds); break;
            case SliceRefused m: w.Write(m.Step); w.Write(m.Slice); w.Write(m.Reason); break;
            case ConfigureShard m: w.Write(m.Run); w.Write(m.Shard); w.Write(m.Capacity); w.Write(m.PixelsPerImage); break;
            case ShardConfigured m: w.Write(m.Run); w.Write(m.Shard); break;
            case PutImages m:
                w.Write(m.Run); w.Write(m.Shard); w.Write(m.Request); w.Write(m.Step); w.WriteInts(m.Slots); w.WriteFloats(m.Pixels, images);
                break;
            case ImagesPut m: w.Write(m.Run); w.Write(m.Shard); w.Write(m.Request); w.Write(m.Count); break;
            case SampleImages m: w.Write(m.Run); w.Write(m.Shard); w.Write(m.Request); w.Write(m.Step); w.WriteInts(m.Slots); break;
            case ImagesSampled m: w.Write(m.Run); w.Write(m.Shard); w.Write(m.Request); w.WriteFloats(m.Pixels, images); break;
            case CheckpointShard m: w.Write(m.Run); w.Write(m.Shard); w.Write(m.Step); break;
            case GetShardStats m: w.Write(m.Run); w.Write(m.Shard); break;
            case ShardStats m:
                w.Write(m.Run); w.Write(m.Shard); w.Write(m.Node); w.Write(m.Filled); w.Write(m.Capacity); w.WriteOptional(m.CheckpointStep);
                break;
            // Persisted history is exact: a restored run must see the very pixels it stored.
            case BufferShardSnapshot m: w.Write(m.Step); w.Write(m.Capacity); w.Write(m.PixelsPerImage); w.Write(m.Filled); w.WriteFloats(m.Contents); break;
            case StepRecorded m:
                w.Write(m.Step); w.Write(m.Kind); w.Write(m.LossD); w.Write(m.LossRAdversarial); w.Write(m.LossRSelfRegularization);
                w.Write(m.RefinerVersion); w.Write(m.DiscriminatorVersion);
                break;
            case CoordinatorSnapshot m: w.Write(m.Step); w.WriteBytes(m.Checkpoint); break;
            case GetTrainingStatus or PauseTraining or ResumeTraining or SnapshotTraining: break;
            case TrainingStatus m:
                w.Write(m.RunId); w.Write(m.BufferShards); w.Write(m.Phase); w.Write(m.Step); w.Write(m.TotalSteps); w.Write(m.KG); w.Write(m.KD);
                w.WriteOptional(m.LossD); w.WriteOptional(m.LossRAdversarial); w.WriteOptional(m.LossRSelfRegularization);
                w.Write(m.ImagesPerSecond); w.Write(m.RefinerVersion); w.Write(m.DiscriminatorVersion); w.Write(m.WorkersUp);
                w.Write(m.WorkersWanted); w.Write(m.Paused); w.WriteOptional(m.LastSnapshotStep); w.WriteOptional(m.SnapshotAgeSeconds);
                w.Write(m.BufferFill); w.Write(m.BufferCapacity);
                break;
            case CommandResult m: w.Write(m.Ok); w.Write(m.Message); break;
            case RefineWorkOffered m: w.Write(m.Job); break;
            case RequestRefineWork m: w.Write(m.Node); w.Write(m.ModelChecksum); break;
            case RefinerWeights m: WriteRefinerWeights(w, m); break;
            case RefineWork m:
                w.Write(m.Batch); w.Write(m.ModelChecksum);
                w.Write(m.Weights is not null);
                if (m.Weights is not null) WriteRefinerWeights(w, m.Weights);
                w.Write(m.Count); w.Write(m.Channels); w.Write(m.Height); w.Write(m.Width); w.WriteFloats(m.Pixels, images);
                break;
            case RefinedBatch m: w.Write(m.Batch); w.WriteFloats(m.Pixels, images); w.Write(m.Seconds); break;
            case RefineRefused m: w.Write(m.Batch); w.Write(m.Reason); w.Write(m.Retry); break;
            default: throw new ArgumentException($"{o.GetType().Name} is not a SimGanCluster protocol message");
        }
    }

    // Weights and gradients always travel as float32, whatever the image precision: the engines must agree to the bit.
    private static void WriteWeights(BinaryWriter w, NetworkWeights m)
    {
        w.Write((byte)m.Network); w.Write(m.Version); w.WriteFloats(m.Weights);
    }

    private static NetworkWeights ReadWeights(BinaryReader r)
    {
        byte network = r.ReadByte();
        if (network is not ((byte)NetworkKind.Refiner or (byte)NetworkKind.Discriminator)) throw new InvalidDataException($"unknown network {network}");
        return new NetworkWeights((NetworkKind)network, r.ReadInt64(), r.ReadFloats());
    }

    private static void WriteOptionalWeights(BinaryWriter w, NetworkWeights? m)
    {
        w.Write(m is not null);
        if (m is not null) WriteWeights(w, m);
    }

    private static NetworkWeights? ReadOptionalWeights(BinaryReader r) => r.ReadBoolean() ? ReadWeights(r) : null;

    private static void WriteRun(BinaryWriter w, RunInfo m)
    {
        w.Write(m.RunId); w.Write(m.OptionsJson); w.Write(m.Channels); w.Write(m.Height); w.Write(m.Width); w.Write(m.BufferCapacity); w.Write(m.BufferShards);
        w.Write(m.Synthetic); w.Write(m.Real); w.Write(m.Strict);
    }

    private static RunInfo ReadRun(BinaryReader r) =>
        new(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
            r.ReadString(), r.ReadString(), r.ReadBoolean());

    private static void WriteRefinerWeights(BinaryWriter w, RefinerWeights m)
    {
        w.Write(m.Checksum); w.Write(m.Channels); w.Write(m.Width); w.Write(m.Blocks); w.Write(m.Kernel); w.Write(m.EqualizeOutput); w.Write(m.NoiseChannels);
        w.WriteFloats(m.Weights);
    }

    private static RefinerWeights ReadRefinerWeights(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadInt32(), r.ReadFloats());

    private static object Read(BinaryReader r, string manifest) => manifest switch
    {
        "F1" => new StartFeeding(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadBoolean()),
        "F2" => new FeedingStarted(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt64(), r.ReadInt64()),
        "F3" => new FeedingFailed(r.ReadString()),
        "F4" => new RequestBatch(ReadStream(r), r.ReadInt64()),
        "F5" => new BatchReady(ReadStream(r), r.ReadInt64(), r.ReadInt32(), r.ReadFloats()),
        "F6" => new RequestRows(r.ReadInt64(), ReadStream(r), r.ReadInt64(), r.ReadInt32(), r.ReadInt32()),
        "F7" => new RowsReady(r.ReadInt64(), r.ReadFloats()),
        "W1" => new RegisterWorker(r.ReadString(), r.ReadBoolean(), r.ReadBoolean()),
        "W2" => WorkerRegistered.Instance,
        "W3" => ReadRun(r),
        "W4" => ReadWeights(r),
        "W5" => new RefinerSliceTask(ReadRun(r), r.ReadInt64(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
                                     r.ReadBoolean(), r.ReadInt64(), r.ReadInt64(), r.ReadSingle(), ReadOptionalWeights(r), ReadOptionalWeights(r)),
        "W6" => new RefinerSliceComputed(r.ReadInt64(), r.ReadInt32(), r.ReadFloats(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble()),
        "W7" => new DiscriminatorSliceTask(ReadRun(r), r.ReadInt64(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
                                           r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInts(), r.ReadInts(),
                                           r.ReadInt64(), r.ReadInt64(), r.ReadSingle(), ReadOptionalWeights(r), ReadOptionalWeights(r)),
        "W8" => new DiscriminatorSliceComputed(r.ReadInt64(), r.ReadInt32(), r.ReadFloats(), r.ReadDouble(), r.ReadDouble()),
        "W9" => new SliceRefused(r.ReadInt64(), r.ReadInt32(), r.ReadString()),
        "B1" => new ConfigureShard(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()),
        "B2" => new ShardConfigured(r.ReadString(), r.ReadInt32()),
        "B12" => new PutImages(r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), r.ReadInts(), r.ReadFloats()),
        "B13" => new ImagesPut(r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32()),
        "B14" => new SampleImages(r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), r.ReadInts()),
        "B15" => new ImagesSampled(r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadFloats()),
        "B7" => new CheckpointShard(r.ReadString(), r.ReadInt32(), r.ReadInt64()),
        "B9" => new GetShardStats(r.ReadString(), r.ReadInt32()),
        "B10" => new ShardStats(r.ReadString(), r.ReadInt32(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadOptionalLong()),
        "B11" => new BufferShardSnapshot(r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadFloats()),
        "C1" => new StepRecorded(r.ReadInt64(), r.ReadByte(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64()),
        "C2" => new CoordinatorSnapshot(r.ReadInt64(), r.ReadBytes()),
        "C3" => GetTrainingStatus.Instance,
        "C4" => new TrainingStatus(r.ReadString(), r.ReadInt32(), r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(),
                                   r.ReadOptionalDouble(), r.ReadOptionalDouble(), r.ReadOptionalDouble(), r.ReadDouble(),
                                   r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(),
                                   r.ReadOptionalLong(), r.ReadOptionalDouble(), r.ReadInt32(), r.ReadInt32()),
        "C5" => PauseTraining.Instance,
        "C6" => ResumeTraining.Instance,
        "C7" => SnapshotTraining.Instance,
        "C8" => new CommandResult(r.ReadBoolean(), r.ReadString()),
        "R1" => new RefineWorkOffered(r.ReadString()),
        "R2" => new RequestRefineWork(r.ReadString(), r.ReadString()),
        // R7 and R8 replaced R3 and R4 when the refiner gained its output stage: a node of the older layout drops them.
        "R7" => ReadRefinerWeights(r),
        "R8" => new RefineWork(r.ReadInt64(), r.ReadString(), r.ReadBoolean() ? ReadRefinerWeights(r) : null,
                               r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadFloats()),
        "R5" => new RefinedBatch(r.ReadInt64(), r.ReadFloats(), r.ReadDouble()),
        "R6" => new RefineRefused(r.ReadInt64(), r.ReadString(), r.ReadBoolean()),
        _ => throw new InvalidDataException($"unknown SimGanCluster message manifest '{manifest}' (a node of another version?)"),
    };

    private static DataStream ReadStream(BinaryReader r)
    {
        byte b = r.ReadByte();
        return b <= (byte)DataStream.Samples ? (DataStream)b : throw new InvalidDataException($"unknown feed stream {b}");
    }
}
