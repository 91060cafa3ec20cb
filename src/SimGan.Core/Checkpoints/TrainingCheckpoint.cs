using System.Text;
using System.Text.Json;
using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Checkpoints;

/// <summary>
/// Everything needed to continue a run exactly: R, D, both optimizers, the history buffer, the schedule (step
/// counters, K_g), and the random state. Weights use TorchSharp's own tensor format, never a type-naming serializer.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>2 since the refiner replicates borders instead of padding with zeros: version 1 weights belong to another function.</summary>
    public const int FormatVersion = 2;

    // The schedule's running D loss is NaN until the first D step, and JSON has no NaN without this.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private sealed record Meta(int FormatVersion, TrainingOptions Options, ImageShape Shape, ScheduleState Schedule,
                               ulong[] Random, long BufferAdded, int BufferCount, long AverageUpdates = 0);

    /// <summary>The section holding the moving average of R's weights, in checkpoints of runs that keep one.</summary>
    public const string AverageSection = "refiner.average";

    public static void Save(string path, SimGanModel model, TrainingSchedule schedule, DeterministicRandom rng, HistoryBuffer buffer) =>
        CheckpointFile.Write(path, Sections(model, schedule, rng, buffer));

    /// <summary>The same checkpoint as bytes (checksummed), for a snapshot store.</summary>
    public static byte[] Encode(SimGanModel model, TrainingSchedule schedule, DeterministicRandom rng, HistoryBuffer buffer) =>
        CheckpointFile.Encode(Sections(model, schedule, rng, buffer));

    private static Dictionary<string, byte[]> Sections(SimGanModel model, TrainingSchedule schedule, DeterministicRandom rng, HistoryBuffer buffer)
    {
        var meta = new Meta(FormatVersion, model.Options, model.Shape, schedule.State, rng.State, buffer.Added, buffer.Count,
                            model.Average?.Updates ?? 0);
        var sections = new Dictionary<string, byte[]>
        {
            ["meta.json"] = JsonSerializer.SerializeToUtf8Bytes(meta, Json),
            ["refiner"] = Capture(w => model.Refiner.save(w)),
            ["discriminator"] = Capture(w => model.Discriminator.save(w)),
            ["refiner.optimizer"] = Capture(w => SaveOptimizer(model.RefinerOptimizer, w)),
            ["discriminator.optimizer"] = Capture(w => SaveOptimizer(model.DiscriminatorOptimizer, w)),
            ["buffer"] = System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.Contents).ToArray(),
        };
        if (model.Average is { } average) sections[AverageSection] = Capture(w => average.Network.save(w));
        return sections;
    }

    /// <summary>The options a checkpoint was trained with, to rebuild the model before <see cref="Restore"/>.</summary>
    public static (TrainingOptions Options, ImageShape Shape, long Step) Peek(IReadOnlyDictionary<string, byte[]> sections)
    {
        var meta = ReadMeta(sections);
        return (meta.Options, meta.Shape, meta.Schedule.Step);
    }

    public static (TrainingSchedule Schedule, DeterministicRandom Random, HistoryBuffer Buffer) Restore(
        IReadOnlyDictionary<string, byte[]> sections, SimGanModel model)
    {
        var meta = ReadMeta(sections);
        if (meta.Shape != model.Shape) throw new InvalidDataException($"the checkpoint holds {meta.Shape} images, the data is {model.Shape}");
        Load(sections, "refiner", r => model.Refiner.load(r));
        Load(sections, "discriminator", r => model.Discriminator.load(r));
        Load(sections, "refiner.optimizer", r => LoadOptimizer(model.RefinerOptimizer, r));
        Load(sections, "discriminator.optimizer", r => LoadOptimizer(model.DiscriminatorOptimizer, r));
        if (model.Average is { } average)
        {
            Load(sections, AverageSection, r => average.Network.load(r));
            average.Updates = meta.AverageUpdates;
        }
        var buffer = new HistoryBuffer(model.Options.BufferSize, model.Shape);
        var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Section(sections, "buffer"));
        if (floats.Length != meta.BufferCount * model.Shape.Pixels) throw new InvalidDataException("the stored history buffer has the wrong size");
        buffer.Restore(floats, meta.BufferAdded);
        return (new TrainingSchedule(model.Options, meta.Schedule), DeterministicRandom.FromState(meta.Random), buffer);
    }

    private static Meta ReadMeta(IReadOnlyDictionary<string, byte[]> sections)
    {
        Meta meta;
        try
        {
            meta = JsonSerializer.Deserialize<Meta>(Section(sections, "meta.json"), Json)
                   ?? throw new InvalidDataException("the checkpoint has empty metadata");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the checkpoint's metadata is not valid JSON ({ex.Message})", ex);
        }
        // JSON null where the record expects an object or array (found by fuzzing).
        if (meta.Options is null || meta.Schedule is null || meta.Random is null)
            throw new InvalidDataException("the checkpoint's metadata lacks its options, schedule or random state");
        if (meta.FormatVersion != FormatVersion)
            throw new InvalidDataException($"checkpoint format {meta.FormatVersion} is not supported (this build reads {FormatVersion})");
        return meta;
    }

    private static byte[] Section(IReadOnlyDictionary<string, byte[]> sections, string name) =>
        sections.TryGetValue(name, out var bytes) ? bytes : throw new InvalidDataException($"the checkpoint has no '{name}' section");

    private static byte[] Capture(Action<BinaryWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true)) write(w);
        return ms.ToArray();
    }

    private static void Load(IReadOnlyDictionary<string, byte[]> sections, string name, Action<BinaryReader> read)
    {
        using var r = new BinaryReader(new MemoryStream(Section(sections, name), writable: false));
        try
        {
            using (torch.no_grad()) read(r);
        }
        // TorchSharp's loaders refuse names, shapes and lengths that do not fit with these types (found by fuzzing).
        catch (Exception ex) when (ex is ArgumentException or FormatException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"the checkpoint's '{name}' section does not fit this model ({ex.Message.Split('\n')[0]})", ex);
        }
    }

    private static void SaveOptimizer(torch.optim.Optimizer optimizer, BinaryWriter w)
    {
        switch (optimizer)
        {
            case TorchSharp.Modules.Adam adam: adam.save_state_dict(w); break;
            case TorchSharp.Modules.SGD sgd: sgd.save_state_dict(w); break;
            default: throw new NotSupportedException($"cannot checkpoint optimizer {optimizer.GetType().Name}");
        }
    }

    private static void LoadOptimizer(torch.optim.Optimizer optimizer, BinaryReader r)
    {
        switch (optimizer)
        {
            case TorchSharp.Modules.Adam adam: adam.load_state_dict(r); break;
            case TorchSharp.Modules.SGD sgd: sgd.load_state_dict(r); break;
            default: throw new NotSupportedException($"cannot restore optimizer {optimizer.GetType().Name}");
        }
    }
}
