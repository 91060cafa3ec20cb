using SimGan.Cluster.Protocol;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;
using SimGan.Core.Training.Loop;
using TorchSharp;

namespace SimGan.Cluster.Training;

/// <summary>
/// The master copies of R and D with their optimizers, and the operations the coordinator asks of them: a plain class,
/// so the actor only routes. Workers compute slice gradients; this applies their sums.
/// </summary>
public sealed class RefinerTrainer : IDisposable
{
    private readonly Dictionary<NetworkKind, (long Version, float[] Weights)> weights = new();

    public RefinerTrainer(TrainingOptions options, ImageShape shape)
    {
        Model = SimGanModel.Create(options, shape);
        OptionsJson = OptionsWire.ToJson(options);
    }

    public SimGanModel Model { get; }

    public string OptionsJson { get; }

    public RefinerLosses ApplyRefiner(IReadOnlyList<RefinerSliceGradient> slices)
    {
        using var scope = torch.NewDisposeScope();
        return RefinerGradient.Apply(Model, slices);
    }

    public (double Loss, bool Skipped) ApplyDiscriminator(IReadOnlyList<SliceGradient> slices)
    {
        using var scope = torch.NewDisposeScope();
        return DiscriminatorGradient.Apply(Model, slices);
    }

    /// <summary>A network's current weights, read once per version however many workers need them.</summary>
    public NetworkWeights Weights(NetworkKind kind, long version)
    {
        if (!weights.TryGetValue(kind, out var cached) || cached.Version != version)
        {
            using var scope = torch.NewDisposeScope();
            cached = (version, WeightVector.ReadWeights(kind == NetworkKind.Refiner ? Model.Refiner : Model.Discriminator));
            weights[kind] = cached;
        }
        return new NetworkWeights(kind, version, cached.Weights);
    }

    /// <summary>R applied to the sample batch (pixels in [0, 1]), for sample sheets.</summary>
    public float[] RefineSamples(float[] syntheticPixels, int count)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor refined;
        using (torch.no_grad()) refined = Model.Refiner.Refine(ImageTensors.FromPixels(syntheticPixels, count, Model.Shape));
        return ImageTensors.ToPixels(refined);
    }

    public byte[] Checkpoint(TrainingLoop loop, Core.Training.HistoryBuffer buffer)
    {
        // Every handler that touches tensors opens its own scope: this one runs in an actor, step after step.
        using var scope = torch.NewDisposeScope();
        return TrainingCheckpoint.Encode(Model, loop.Schedule, loop.Random, buffer);
    }

    /// <summary>Loads a checkpoint; the loop it returns continues exactly where it was saved.</summary>
    public (TrainingLoop Loop, Core.Training.HistoryBuffer Buffer) Restore(IReadOnlyDictionary<string, byte[]> sections)
    {
        using var scope = torch.NewDisposeScope();
        var (schedule, random, buffer) = TrainingCheckpoint.Restore(sections, Model);
        weights.Clear();
        return (new TrainingLoop(Model.Options, schedule, random, buffer.Slots), buffer);
    }

    public void Dispose() => Model.Dispose();
}
