using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Cluster.Training;

/// <summary>
/// R, D and both optimizers, and the operations the coordinator asks of them: a plain class, so the actor only
/// routes. D here is the master copy: workers compute gradients, this applies their sum and versions the result.
/// </summary>
public sealed class RefinerTrainer : IDisposable
{
    private float[]? weightsCache;
    private long weightsCacheVersion = -1;

    public RefinerTrainer(TrainingOptions options, ImageShape shape)
    {
        Model = SimGanModel.Create(options, shape);
        OptionsJson = OptionsWire.ToJson(options);
    }

    public SimGanModel Model { get; }

    public string OptionsJson { get; }

    public long RefinerVersion { get; private set; }

    public long DiscriminatorVersion { get; private set; }

    public RefinerLosses RefinerStepOn(float[] syntheticPixels, int count, bool adversarial, long step)
    {
        using var scope = torch.NewDisposeScope();
        var losses = RefinerStep.Run(Model, ImageTensors.FromPixels(syntheticPixels, count, Model.Shape), adversarial, step);
        RefinerVersion++;
        return losses;
    }

    /// <summary>R(x) for D's batch: the network-range values D will see, and the [0, 1] pixels the buffer keeps.</summary>
    public (float[] Values, float[] Pixels) Refine(float[] syntheticPixels, int count)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor refined;
        using (torch.no_grad()) refined = Model.Refiner.Refine(ImageTensors.FromPixels(syntheticPixels, count, Model.Shape));
        return (refined.contiguous().data<float>().ToArray(), ImageTensors.ToPixels(refined));
    }

    /// <summary>Pixels in [0, 1] as D's input values in [-1, 1], computed as the local trainer computes them.</summary>
    public float[] ToNetworkValues(float[] pixels, int count)
    {
        using var scope = torch.NewDisposeScope();
        return ImageTensors.FromPixels(pixels, count, Model.Shape).data<float>().ToArray();
    }

    public double ApplyDiscriminatorGradients(IReadOnlyList<SliceGradient> slices)
    {
        using var scope = torch.NewDisposeScope();
        double loss = DiscriminatorGradient.Apply(Model, slices);
        DiscriminatorVersion++;
        return loss;
    }

    /// <summary>D's current weights (computed once per version; many workers may ask).</summary>
    public float[] DiscriminatorWeights()
    {
        using var scope = torch.NewDisposeScope();
        if (weightsCacheVersion != DiscriminatorVersion)
        {
            weightsCache = WeightVector.ReadWeights(Model.Discriminator);
            weightsCacheVersion = DiscriminatorVersion;
        }
        return weightsCache!;
    }

    public byte[] Checkpoint(TrainingSchedule schedule, DeterministicRandom rng, Core.Training.HistoryBuffer buffer)
    {
        // Every handler that touches tensors opens its own scope: this one runs in an actor, step after step.
        using var scope = torch.NewDisposeScope();
        return TrainingCheckpoint.Encode(Model, schedule, rng, buffer);
    }

    /// <summary>Loads a checkpoint; versions restart from its step so that they stay increasing.</summary>
    public (TrainingSchedule Schedule, DeterministicRandom Random, Core.Training.HistoryBuffer Buffer) Restore(IReadOnlyDictionary<string, byte[]> sections)
    {
        using var scope = torch.NewDisposeScope();
        var restored = TrainingCheckpoint.Restore(sections, Model);
        RefinerVersion = restored.Schedule.State.RSteps;
        DiscriminatorVersion = restored.Schedule.State.DSteps;
        weightsCacheVersion = -1;
        return restored;
    }

    public void Dispose() => Model.Dispose();
}
