using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Cluster.Discriminators;

/// <summary>
/// A data-parallel discriminator worker: holds a copy of D at some version and computes the gradient of the slices
/// it is given. It never updates D itself; the coordinator applies the summed gradient and sends new weights with
/// the next slice to any worker that is behind, so a worker that joins late is brought up to date first.
/// </summary>
public sealed class DiscriminatorWorkerActor : ReceiveActor, IWithTimers
{
    private sealed record RegisterTick;

    private readonly IActorRef coordinator;
    private readonly string node;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private Discriminator? discriminator;
    private (string OptionsJson, int Channels) built;
    private TrainingOptions? options;
    private long version = -1;

    public DiscriminatorWorkerActor(IActorRef coordinatorProxy)
    {
        coordinator = coordinatorProxy;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<RegisterTick>(_ => coordinator.Tell(new RegisterWorker(node)));
        Receive<WorkerRegistered>(_ =>
        {
            Timers.Cancel("register");
            Context.Watch(Sender);
            log.Info("registered with the training coordinator at {0}", Sender.Path);
        });
        // The coordinator moved or restarted: announce ourselves to its successor.
        Receive<Terminated>(_ => StartRegistering());
        Receive<ComputeSlice>(Compute);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef coordinatorProxy) => Akka.Actor.Props.Create(() => new DiscriminatorWorkerActor(coordinatorProxy));

    protected override void PreStart() => StartRegistering();

    private void StartRegistering() => Timers.StartPeriodicTimer("register", new RegisterTick(), TimeSpan.Zero, TimeSpan.FromSeconds(1));

    private void Compute(ComputeSlice m)
    {
        var watch = Stopwatch.StartNew();
        if (m.Weights is { } w) Load(w);
        if (discriminator is null || version != m.DiscriminatorVersion)
        {
            Sender.Tell(new SliceRefused(m.Step, m.Slice, $"this worker holds D version {version}, not {m.DiscriminatorVersion}"));
            return;
        }
        // Dispose scopes belong to one thread, so the whole computation stays inside this handler.
        using var scope = torch.NewDisposeScope();
        var shape = new ImageShape(m.Channels, m.Height, m.Width);
        var refined = torch.tensor(m.Refined, new long[] { m.RefinedCount, shape.Channels, shape.Height, shape.Width });
        var real = torch.tensor(m.Real, new long[] { m.RealCount, shape.Channels, shape.Height, shape.Width });
        var augmentation = new SliceAugmentation(options!.AugmentationPolicy, options.Seed, m.Step, m.RefinedStart, m.RealStart);
        var result = DiscriminatorGradient.Compute(discriminator, refined, real, m.RefinedTotal, m.RealTotal, augmentation);
        Sender.Tell(new SliceComputed(m.Step, m.Slice, result.Gradient, result.Loss, watch.Elapsed.TotalSeconds));
    }

    private void Load(DiscriminatorWeights w)
    {
        using var scope = torch.NewDisposeScope();
        if (discriminator is null || built != (w.OptionsJson, w.Channels))
        {
            discriminator?.Dispose();
            options = OptionsWire.FromJson(w.OptionsJson);
            discriminator = new Discriminator(options.DiscriminatorFor(w.Channels));
            built = (w.OptionsJson, w.Channels);
            log.Info("received D weights (version {0}); computing slices", w.Version);
        }
        WeightVector.WriteWeights(discriminator, w.Weights);
        version = w.Version;
    }

    protected override void PostStop() => discriminator?.Dispose();
}
