using System.Diagnostics;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using TorchSharp;

namespace SimGan.Core.Training;

/// <summary>Opens a batch feed for a source and plan; lets the caller choose direct or prefetching reads.</summary>
public delegate IBatchFeed BatchFeedFactory(IImageSource source, BatchPlan plan);

/// <summary>
/// The reference loop: Algorithm 1 of the paper in one process. The cluster engine must reproduce what this does.
/// Data order is a pure function of (seed, stream, counter), and every random draw comes from one saved generator,
/// so stopping and resuming gives the same weights as running straight through.
/// </summary>
public sealed class LocalTrainer : IDisposable
{
    private readonly SimGanModel model;
    private readonly IBatchFeed syntheticForR, syntheticForD, realForD, samples;
    private readonly CheckpointDirectory checkpoints;
    private TrainingSchedule schedule;
    private DeterministicRandom rng;
    private HistoryBuffer buffer;

    public LocalTrainer(TrainingOptions options, IImageSource synthetic, IImageSource real, CheckpointDirectory checkpoints,
                        BatchFeedFactory? feeds = null, bool resume = false, Action<string>? warn = null)
    {
        options.Validate();
        if (synthetic.Shape != real.Shape)
            throw new ArgumentException($"synthetic images are {synthetic.Shape} but real ones are {real.Shape}; they must match");
        feeds ??= (source, plan) => new DirectBatchFeed(source, plan);
        this.checkpoints = checkpoints;
        var shape = synthetic.Shape;
        int b = options.BatchSize;
        syntheticForR = feeds(synthetic, DataStreams.Plan(DataStream.SyntheticForRefiner, options, synthetic.Count));
        syntheticForD = feeds(synthetic, DataStreams.Plan(DataStream.SyntheticForDiscriminator, options, synthetic.Count));
        realForD = feeds(real, DataStreams.Plan(DataStream.Real, options, real.Count));
        samples = new DirectBatchFeed(synthetic, DataStreams.Plan(DataStream.Samples, options, synthetic.Count));

        model = SimGanModel.Create(options, shape);
        schedule = new TrainingSchedule(options);
        rng = new DeterministicRandom(options.Seed ^ 0x5EEDUL);
        buffer = new HistoryBuffer(options.BufferSize, shape);
        if (resume && checkpoints.LoadNewestValid(warn ?? (_ => { })) is { } found)
        {
            (schedule, rng, buffer) = TrainingCheckpoint.Restore(found.Sections, model);
            ResumedFrom = found.Path;
        }
    }

    public SimGanModel Model => model;
    public TrainingSchedule Schedule => schedule;
    public HistoryBuffer Buffer => buffer;
    public string? ResumedFrom { get; }

    /// <summary>Runs until the step budget is spent or cancellation; either way the last state is checkpointed.</summary>
    public void Run(ITrainingObserver observer, CancellationToken cancel = default)
    {
        var options = model.Options;
        long lastSaved = schedule.Step, lastSampled = schedule.Step;
        while (!cancel.IsCancellationRequested)
        {
            var kind = schedule.Next();
            if (kind == StepKind.Done) break;
            var phase = schedule.Phase;
            var watch = Stopwatch.StartNew();
            double lossD = double.NaN;
            RefinerLosses lossR = new(double.NaN, double.NaN);
            int images;
            if (kind == StepKind.RefinerStep)
            {
                using var synthetic = Batch(syntheticForR, schedule.State.RSteps);
                lossR = RefinerStep.Run(model, synthetic, adversarial: phase == Phase.Adversarial, step: schedule.Step);
                images = options.BatchSize;
            }
            else
            {
                lossD = RunDiscriminatorStep(options.BatchSize / 2);
                images = options.BatchSize * 2;
            }
            double seconds = watch.Elapsed.TotalSeconds;
            long step = schedule.Step;
            schedule.Completed(kind, lossD);
            observer.OnStep(new StepRecord(step, phase, kind, lossD, lossR.Adversarial, lossR.SelfRegularization,
                                           images / Math.Max(seconds, 1e-9), schedule.CurrentKG, buffer.Count));
            if (schedule.Step % options.SampleEvery == 0) { EmitSamples(observer); lastSampled = schedule.Step; }
            if (schedule.Step % options.CheckpointEvery == 0) { Save(observer); lastSaved = schedule.Step; }
        }
        // Every run ends with a sheet of what it made, however short it was.
        if (schedule.Step != lastSampled) EmitSamples(observer);
        if (schedule.Step != lastSaved) Save(observer);
    }

    private double RunDiscriminatorStep(int half)
    {
        var options = model.Options;
        using var scope = torch.NewDisposeScope();
        var synthetic = Batch(syntheticForD, schedule.State.DSteps);
        torch.Tensor current;
        using (torch.no_grad()) current = model.Refiner.Refine(synthetic);
        var currentPixels = ImageTensors.ToPixels(current);
        // The paper's mix: half current refined images, half from the history (only current ones until it can supply).
        var refined = current;
        if (buffer.CanSample(half))
        {
            var history = new float[half * model.Shape.Pixels];
            buffer.Sample(half, rng, history);
            refined = torch.cat(new[] { current, ImageTensors.FromPixels(history, half, model.Shape) }, 0);
        }
        var real = Batch(realForD, schedule.State.DSteps);
        double loss = DiscriminatorStep.Run(model, refined, real, options.DiscriminatorSlices, schedule.Step);
        buffer.Add(currentPixels, half, rng);
        return loss;
    }

    private torch.Tensor Batch(IBatchFeed feed, long number) =>
        ImageTensors.FromPixels(feed.Take(number), feed.BatchSize, feed.Shape);

    private void EmitSamples(ITrainingObserver observer)
    {
        using var scope = torch.NewDisposeScope();
        int n = samples.BatchSize;
        var pixels = samples.Take(0);
        var synthetic = ImageTensors.FromPixels(pixels, n, model.Shape);
        torch.Tensor refined;
        using (torch.no_grad()) refined = model.Refiner.Refine(synthetic);
        observer.OnSamples(schedule.Step, pixels, ImageTensors.ToPixels(refined), n, model.Shape);
    }

    private void Save(ITrainingObserver observer)
    {
        string path = checkpoints.PathFor(schedule.Step);
        TrainingCheckpoint.Save(path, model, schedule, rng, buffer);
        checkpoints.Prune();
        observer.OnCheckpoint(schedule.Step, path);
    }

    public void Dispose()
    {
        model.Dispose();
        syntheticForR.Dispose();
        syntheticForD.Dispose();
        realForD.Dispose();
        samples.Dispose();
    }
}
