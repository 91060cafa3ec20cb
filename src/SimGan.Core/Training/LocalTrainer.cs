using System.Diagnostics;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training.Loop;
using TorchSharp;

namespace SimGan.Core.Training;

/// <summary>Opens a batch feed for a source and plan; lets the caller choose direct or prefetching reads.</summary>
public delegate IBatchFeed BatchFeedFactory(IImageSource source, BatchPlan plan);

/// <summary>
/// The reference engine: runs the <see cref="TrainingLoop"/>'s work one item after another in this process (slices
/// in slice order, then their sum). The cluster runs the same loop's work as messages. Data order is a pure function
/// of (seed, stream, counter), and every random draw comes from the loop's one saved generator, so stopping and
/// resuming gives the same weights as running straight through.
/// </summary>
public sealed class LocalTrainer : IDisposable
{
    private readonly SimGanModel model;
    private readonly IBatchFeed syntheticForR, syntheticForD, realForD, samples;
    private readonly CheckpointDirectory checkpoints;
    private readonly TrainingLoop loop;
    private readonly HistoryBuffer buffer;
    private readonly SliceNetworks slices;

    public LocalTrainer(TrainingOptions options, IImageSource synthetic, IImageSource real, CheckpointDirectory checkpoints,
                        BatchFeedFactory? feeds = null, bool resume = false, Action<string>? warn = null, torch.Device? device = null)
    {
        options.Validate();
        if (synthetic.Shape != real.Shape)
            throw new ArgumentException($"synthetic images are {synthetic.Shape} but real ones are {real.Shape}; they must match");
        feeds ??= (source, plan) => new DirectBatchFeed(source, plan);
        this.checkpoints = checkpoints;
        var shape = synthetic.Shape;
        syntheticForR = feeds(synthetic, DataStreams.Plan(DataStream.SyntheticForRefiner, options, synthetic.Count));
        syntheticForD = feeds(synthetic, DataStreams.Plan(DataStream.SyntheticForDiscriminator, options, synthetic.Count));
        realForD = feeds(real, DataStreams.Plan(DataStream.Real, options, real.Count));
        samples = new DirectBatchFeed(synthetic, DataStreams.Plan(DataStream.Samples, options, synthetic.Count));

        model = SimGanModel.Create(options, shape);
        if (resume && checkpoints.LoadNewestValid(warn ?? (_ => { })) is { } found)
        {
            var (schedule, rng, restored) = TrainingCheckpoint.Restore(found.Sections, model);
            buffer = restored;
            loop = new TrainingLoop(options, schedule, rng, buffer.Slots);
            ResumedFrom = found.Path;
        }
        else
        {
            buffer = new HistoryBuffer(options.BufferSize, shape);
            loop = new TrainingLoop(options, new TrainingSchedule(options), new DeterministicRandom(options.Seed ^ 0x5EEDUL), buffer.Slots);
        }
        slices = new SliceNetworks(model, device ?? torch.CPU, Runtime.PrecisionNames.Parse(options.Precision));
    }

    public SimGanModel Model => model;
    public TrainingSchedule Schedule => loop.Schedule;
    public HistoryBuffer Buffer => buffer;
    public string? ResumedFrom { get; }

    /// <summary>Runs until the step budget is spent or cancellation; either way the last state is checkpointed.</summary>
    public void Run(ITrainingObserver observer, CancellationToken cancel = default)
    {
        var work = new Queue<LoopWork>();
        var watch = new Stopwatch();
        while (!loop.Finished)
        {
            if (work.Count == 0)
            {
                Enqueue(work, cancel.IsCancellationRequested ? loop.Stop() : loop.Advance());
                watch.Restart();
                continue;
            }
            switch (work.Dequeue())
            {
                case ComputeRefinerSlice w:
                    Enqueue(work, loop.Handle(new RefinerSliceDone(w.Step, w.Slice, RefinerSlice(w))));
                    break;
                case ApplyRefinerStep w:
                    Enqueue(work, loop.Handle(new RefinerStepApplied(w.Step, RefinerGradient.Apply(model, w.Slices))));
                    slices.RefinerChanged();
                    break;
                case ComputeDiscriminatorSlice w:
                    Enqueue(work, loop.Handle(new DiscriminatorSliceDone(w.Step, w.Slice, DiscriminatorSlice(w))));
                    break;
                case ApplyDiscriminatorStep w:
                    var (loss, skipped) = DiscriminatorGradient.Apply(model, w.Slices);
                    Enqueue(work, loop.Handle(new DiscriminatorStepApplied(w.Step, loss, skipped)));
                    slices.DiscriminatorChanged();
                    break;
                case RecordStep w:
                    observer.OnStep(w.Record with { ImagesPerSecond = w.Images / Math.Max(watch.Elapsed.TotalSeconds, 1e-9) });
                    break;
                case EmitSamples w:
                    EmitSamples(observer, w.Step);
                    break;
                case SaveCheckpoint w:
                    Save(observer, w.Step);
                    Enqueue(work, loop.Handle(new CheckpointSaved(w.Step)));
                    break;
                case LoopFinished:
                    break;
            }
        }
    }

    static void Enqueue(Queue<LoopWork> queue, IReadOnlyList<LoopWork> items)
    {
        foreach (var item in items) queue.Enqueue(item);
    }

    private RefinerSliceGradient RefinerSlice(ComputeRefinerSlice w)
    {
        using var scope = torch.NewDisposeScope();
        var rows = Rows(syntheticForR.Take(w.Batch), w.Rows);
        var x = ImageTensors.FromPixels(rows, w.Rows.Count, model.Shape);
        var options = model.Options;
        slices.Sync();
        return RefinerGradient.Compute(slices.Refiner, slices.Discriminator, x,
            new RefinerSliceContext(model.Psi, options.Lambda, model.Augmentation, options.Seed, w.Step, w.Rows.Start, w.BatchRows, w.Adversarial, w.LossScale));
    }

    private SliceGradient DiscriminatorSlice(ComputeDiscriminatorSlice w)
    {
        var rows = w.Rows;
        var synthetic = Rows(syntheticForD.Take(rows.Batch), rows.Current);
        var history = buffer.Images.Read(w.Step, rows.ReadSlots);
        var real = Rows(realForD.Take(rows.Batch), rows.Real);
        slices.Sync();
        var result = DiscriminatorSliceWork.Compute(slices.Refiner, slices.Discriminator, rows, synthetic, history, real, model.Shape,
            model.Augmentation, model.Options.Seed, w.Step, w.LossScale);
        buffer.Images.Write(w.Step, rows.WriteSlots, result.CurrentPixels);
        return result.Gradient;
    }

    private float[] Rows(float[] batch, RowRange rows)
    {
        int pixels = model.Shape.Pixels;
        return rows.Start == 0 && rows.Count * pixels == batch.Length ? batch : batch[(rows.Start * pixels)..((rows.Start + rows.Count) * pixels)];
    }

    private void EmitSamples(ITrainingObserver observer, long step)
    {
        using var scope = torch.NewDisposeScope();
        int n = samples.BatchSize;
        var pixels = samples.Take(0);
        var synthetic = ImageTensors.FromPixels(pixels, n, model.Shape);
        torch.Tensor refined;
        using (torch.no_grad()) refined = model.Refiner.Refine(synthetic);
        observer.OnSamples(step, pixels, ImageTensors.ToPixels(refined), n, model.Shape);
    }

    private void Save(ITrainingObserver observer, long step)
    {
        string path = checkpoints.PathFor(step);
        TrainingCheckpoint.Save(path, model, loop.Schedule, loop.Random, buffer);
        checkpoints.Prune();
        observer.OnCheckpoint(step, path);
    }

    public void Dispose()
    {
        slices.Dispose();
        model.Dispose();
        syntheticForR.Dispose();
        syntheticForD.Dispose();
        realForD.Dispose();
        samples.Dispose();
    }
}
