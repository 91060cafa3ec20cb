using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Training;
using SimGan.Core.Training.Loop;
using TorchSharp;

namespace SimGan.Cluster.Workers;

/// <summary>
/// A worker's copies of R and D at known versions, for one run, and the slice computations it runs with them (Core's,
/// the same the local trainer runs). A plain class, so the actor that holds it only routes.
/// </summary>
public sealed class WorkerNetworks : IDisposable
{
    private readonly TrainingOptions options;

    /// <param name="device">Where this node computes; the run's options say in what precision.</param>
    public WorkerNetworks(RunInfo run, torch.Device device)
    {
        Run = run;
        options = OptionsWire.FromJson(run.OptionsJson);
        Shape = new ImageShape(run.Channels, run.Height, run.Width);
        var precision = Core.Runtime.PrecisionNames.Parse(options.Precision);
        Refiner = NetworkPlacement.Place(new Refiner(options.RefinerFor(run.Channels)), device, precision);
        Discriminator = NetworkPlacement.Place(new Discriminator(options.DiscriminatorFor(run.Channels)), device, precision);
    }

    public RunInfo Run { get; }

    public TrainingOptions Options => options;

    public ImageShape Shape { get; }

    public Refiner Refiner { get; }

    public Discriminator Discriminator { get; }

    public long RefinerVersion { get; private set; } = -1;

    public long DiscriminatorVersion { get; private set; } = -1;

    /// <summary>Takes the weights a task carries; returns why the task cannot be computed, or null.</summary>
    public string? Prepare(NetworkWeights? refiner, NetworkWeights? discriminator, long refinerVersion, long discriminatorVersion,
                           bool needsRefiner, bool needsDiscriminator)
    {
        if (refiner is { } r) Load(r);
        if (discriminator is { } d) Load(d);
        if (needsRefiner && RefinerVersion != refinerVersion) return $"this worker holds R version {RefinerVersion}, not {refinerVersion}";
        if (needsDiscriminator && DiscriminatorVersion != discriminatorVersion)
            return $"this worker holds D version {DiscriminatorVersion}, not {discriminatorVersion}";
        return null;
    }

    private void Load(NetworkWeights w)
    {
        using var scope = torch.NewDisposeScope();
        if (w.Network == NetworkKind.Refiner)
        {
            WeightVector.WriteWeights(Refiner, w.Weights);
            RefinerVersion = w.Version;
        }
        else
        {
            WeightVector.WriteWeights(Discriminator, w.Weights);
            DiscriminatorVersion = w.Version;
        }
    }

    public RefinerSliceGradient ComputeRefiner(RefinerSliceTask t, float[] rows)
    {
        using var scope = torch.NewDisposeScope();
        var x = ImageTensors.FromPixels(rows, t.RowCount, Shape);
        return RefinerGradient.Compute(Refiner, Discriminator, x,
            new RefinerSliceContext(Core.Losses.FeatureTransforms.ByName(options.SelfRegularization), options.Lambda, options.AugmentationPolicy,
                                    options.Seed, t.Step, t.RowStart, t.BatchRows, t.Adversarial, t.LossScale));
    }

    public DiscriminatorSliceResult ComputeDiscriminator(DiscriminatorSliceTask t, float[] synthetic, float[] history, float[] real)
    {
        var rows = Rows(t);
        return DiscriminatorSliceWork.Compute(Refiner, Discriminator, rows, synthetic, history, real, Shape,
            options.AugmentationPolicy, options.Seed, t.Step, t.LossScale);
    }

    public static DiscriminatorSliceRows Rows(DiscriminatorSliceTask t) =>
        new(t.Batch, t.Half, t.RefinedTotal, t.RealTotal, new RowRange(t.CurrentStart, t.CurrentCount), new RowRange(t.HistoryStart, t.HistoryCount),
            new RowRange(t.RealStart, t.RealCount),
            t.ReadSlots, t.WriteSlots);

    public void Dispose()
    {
        Refiner.Dispose();
        Discriminator.Dispose();
    }
}
