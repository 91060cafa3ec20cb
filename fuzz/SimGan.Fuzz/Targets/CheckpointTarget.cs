using System.Security.Cryptography;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Fuzz.Targets;

/// <summary>
/// .sgck checkpoints (and the snapshot rows that hold the same bytes): split into sections, read the metadata, and
/// restore weights, optimizer state and history into a model of the seed's options. The input's last 32 bytes are
/// replaced by its true checksum first, so mutations reach the section parsers instead of stopping at the checksum,
/// which the normal suite tests on its own.
/// </summary>
public sealed class CheckpointTarget : FuzzTarget
{
    static readonly ImageShape Shape = new(1, 6, 8);

    static readonly TrainingOptions Options = new()
    {
        // The smallest model there is (half-width D, plain SGD) keeps the seed near 100 KB, which afl-fuzz can mutate.
        Preset = "cpu-gaze", Steps = 4, BatchSize = 2, Seed = 5, PretrainRSteps = 1, PretrainDSteps = 1, KG = 1, KD = 1,
        BufferSize = 2, RefinerWidth = 2, RefinerBlocks = 1, Optimizer = "sgd",
    };

    readonly SimGanModel _model = SimGanModel.Create(Options, Shape);

    public override string Name => "checkpoint";

    public override string Parser => "CheckpointFile.Decode + TrainingCheckpoint.Peek/Restore";

    protected override void Parse(byte[] input)
    {
        if (input.Length >= 32)
            SHA256.HashData(input.AsSpan(0, input.Length - 32)).CopyTo(input.AsSpan(input.Length - 32));
        var sections = CheckpointFile.Decode(input, "fuzz-input");
        var (options, shape, _) = TrainingCheckpoint.Peek(sections);
        // Restoring builds nothing new: only a checkpoint of the seed's model can be loaded into it.
        if (options == Options && shape == Shape) TrainingCheckpoint.Restore(sections, _model);
    }

    protected override bool IsRefusal(Exception error) => error is CorruptCheckpointException or InvalidDataException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        var buffer = new HistoryBuffer(Options.BufferSize, Shape);
        buffer.Restore(Enumerable.Range(0, Shape.Pixels).Select(i => i / 48f).ToArray(), 1);
        yield return ("tiny.sgck", TrainingCheckpoint.Encode(_model, new TrainingSchedule(Options), new DeterministicRandom(7), buffer));
    }

    public override void Dispose() => _model.Dispose();
}
