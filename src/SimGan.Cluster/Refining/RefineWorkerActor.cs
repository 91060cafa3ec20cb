using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SimGan.Cluster.Protocol;
using SimGan.Core.Export;
using SimGan.Core.Images;
using SimGan.Core.Networks;

namespace SimGan.Cluster.Refining;

/// <summary>
/// Refines batches for whichever `simgan refine --engine cluster` driver offers them. It keeps the last refiner it
/// was sent, keyed by the model checksum, so a worker that serves several runs of one model gets its weights once.
/// The refining itself is <see cref="RefinerModel.Refine"/>, the very code the local refine runs.
/// </summary>
public sealed class RefineWorkerActor : ReceiveActor
{
    /// <summary>Every discriminator node has one at this path; drivers offer their job to it there.</summary>
    public const string Name = "refine-worker";

    private readonly string node;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private RefinerModel? model;

    private readonly TorchSharp.torch.Device device;

    /// <param name="device">Where this node refines (its --device).</param>
    public RefineWorkerActor(TorchSharp.torch.Device device)
    {
        this.device = device;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<RefineWorkOffered>(_ => Sender.Tell(Request()));
        Receive<RefineWork>(Refine);
    }

    public static Props Props(TorchSharp.torch.Device device) => Akka.Actor.Props.Create(() => new RefineWorkerActor(device));

    private RequestRefineWork Request() => new(node, model?.Checksum ?? "");

    private void Refine(RefineWork m)
    {
        var watch = Stopwatch.StartNew();
        if (m.Weights is { } w && w.Checksum != model?.Checksum) Load(w);
        if (model is null || model.Checksum != m.ModelChecksum)
        {
            Sender.Tell(new RefineRefused(m.Batch, $"this worker holds model {model?.Checksum ?? "none"}, not {m.ModelChecksum}", Retry: true));
            Sender.Tell(Request());
            return;
        }
        try
        {
            // RefinerModel.Refine opens and closes its own dispose scope: the whole batch stays on this thread.
            var refined = model.Refine(m.Pixels, m.Count, new ImageShape(m.Channels, m.Height, m.Width));
            Sender.Tell(new RefinedBatch(m.Batch, refined, watch.Elapsed.TotalSeconds));
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            Sender.Tell(new RefineRefused(m.Batch, ex.Message, Retry: false));
        }
        Sender.Tell(Request());
    }

    private void Load(RefinerWeights w)
    {
        model?.Dispose();
        model = null;
        model = RefinerModel.FromWeights(new RefinerSpec(w.Channels, w.Width, w.Blocks, w.Kernel, w.EqualizeOutput, w.NoiseChannels), w.Weights, w.Checksum, source: "cluster")
            .PlaceOn(device, Core.Runtime.Precision.Fp32);
        log.Info("loaded refiner {0} ({1} weights)", w.Checksum, w.Weights.Length);
    }

    protected override void PostStop() => model?.Dispose();
}
