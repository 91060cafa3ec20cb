using SimGan.Core.Training;
using SimGan.Core.Training.Loop;

namespace SimGan.Core.Tests.Training.Loop;

/// <summary>Algorithm 1 as a state machine, driven by hand: no tensors, no processes.</summary>
public class TrainingLoopTests
{
    static TrainingOptions Options(int rSlices = 1, int dSlices = 1) => TinyImages.SmallOptions(steps: 12) with
    {
        BatchSize = 8, PretrainRSteps = 2, PretrainDSteps = 2, KG = 1, BufferSize = 8, RefinerSlices = rSlices, DiscriminatorSlices = dSlices,
        SampleEvery = 3, CheckpointEvery = 4,
    };

    static readonly RefinerSliceGradient RGrad = new([1f], 0.5, 0.1);
    static readonly SliceGradient DGrad = new([1f], 0.7);

    /// <summary>Answers every compute and apply until the step is recorded; returns the bookkeeping work.</summary>
    static List<LoopWork> FinishStep(TrainingLoop loop, IReadOnlyList<LoopWork> work)
    {
        var done = new List<LoopWork>();
        var queue = new Queue<LoopWork>(work);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue() switch
            {
                ComputeRefinerSlice w => loop.Handle(new RefinerSliceDone(w.Step, w.Slice, RGrad)),
                ApplyRefinerStep w => loop.Handle(new RefinerStepApplied(w.Step, new RefinerLosses(0.5, 0.1))),
                ComputeDiscriminatorSlice w => loop.Handle(new DiscriminatorSliceDone(w.Step, w.Slice, DGrad)),
                ApplyDiscriminatorStep w => loop.Handle(new DiscriminatorStepApplied(w.Step, 0.7)),
                var other => Keep(done, other),
            };
            foreach (var w in next) queue.Enqueue(w);
        }
        return done;
    }

    static IReadOnlyList<LoopWork> Keep(List<LoopWork> done, LoopWork w) { done.Add(w); return []; }

    [Fact]
    public void An_R_step_asks_for_its_slices_with_the_versions_to_use_then_for_their_sum()
    {
        var loop = TrainingLoop.Start(Options(rSlices: 3));
        var slices = loop.Advance().Cast<ComputeRefinerSlice>().ToList();
        Assert.Equal([new RowRange(0, 2), new RowRange(2, 3), new RowRange(5, 3)], slices.Select(s => s.Rows));
        Assert.All(slices, s => Assert.Equal((0L, 0L, 0L, false, 8), (s.Batch, s.RefinerVersion, s.DiscriminatorVersion, s.Adversarial, s.BatchRows)));
        Assert.Empty(loop.Handle(new RefinerSliceDone(0, 2, RGrad)));
        Assert.Empty(loop.Handle(new RefinerSliceDone(0, 2, RGrad))); // a duplicate counts once
        Assert.Empty(loop.Handle(new RefinerSliceDone(0, 0, RGrad)));
        var apply = Assert.IsType<ApplyRefinerStep>(Assert.Single(loop.Handle(new RefinerSliceDone(0, 1, RGrad))));
        Assert.Equal(3, apply.Slices.Count);
        var record = Assert.IsType<RecordStep>(Assert.Single(loop.Handle(new RefinerStepApplied(0, new RefinerLosses(double.NaN, 0.1)))));
        Assert.Equal((0L, StepKind.RefinerStep, 8), (record.Record.Step, record.Record.Kind, record.Images));
        Assert.True(loop.Idle);
        Assert.Equal(1, loop.RefinerVersion);
    }

    [Fact]
    public void Answers_for_another_step_or_out_of_turn_are_ignored()
    {
        var loop = TrainingLoop.Start(Options());
        loop.Advance();
        Assert.Empty(loop.Handle(new RefinerSliceDone(5, 0, RGrad)));
        Assert.Empty(loop.Handle(new DiscriminatorSliceDone(0, 0, DGrad)));
        Assert.Empty(loop.Handle(new RefinerStepApplied(0, new RefinerLosses(0, 0))));
        Assert.Throws<InvalidOperationException>(() => loop.Advance());
    }

    [Fact]
    public void D_steps_read_the_history_once_it_can_supply_half_a_batch_share_current_and_history_rows_and_plan_where_their_images_go()
    {
        var options = Options(dSlices: 2);
        var loop = TrainingLoop.Start(options);
        var slots = new HistorySlots(options.BufferSize);
        var random = new DeterministicRandom(options.Seed ^ 0x5EEDUL);
        int dSteps = 0;
        while (dSteps < 3)
        {
            var work = loop.Advance();
            if (work[0] is ComputeDiscriminatorSlice)
            {
                var slices = work.Cast<ComputeDiscriminatorSlice>().ToList();
                // The same draws, in the same order, as the sharded buffer's slot plan: sample, then add.
                int[] read = slots.CanSample(4) ? slots.PlanSample(4, random) : [];
                int[] write = slots.PlanAdd(4, random);
                Assert.Equal(read, slices.SelectMany(s => s.Rows.ReadSlots));
                Assert.Equal(write, slices.SelectMany(s => s.Rows.WriteSlots));
                Assert.All(slices, s => Assert.Equal(4 + read.Length, s.Rows.RefinedTotal));
                Assert.Equal(Enumerable.Range(0, 4), slices.SelectMany(s => Enumerable.Range(s.Rows.Current.Start, s.Rows.Current.Count)));
                Assert.Equal(Enumerable.Range(0, read.Length), slices.SelectMany(s => Enumerable.Range(s.Rows.History.Start, s.Rows.History.Count)));
                // Each slice refines its share of the current half: none is left holding all of R's forward passes.
                Assert.All(slices, s => Assert.Equal(2, s.Rows.Current.Count));
                Assert.Equal(Enumerable.Range(0, 8), slices.SelectMany(s => Enumerable.Range(s.Rows.Real.Start, s.Rows.Real.Count)));
                Assert.All(slices, s => Assert.Equal(dSteps, s.Rows.Batch));
                dSteps++;
            }
            foreach (var save in FinishStep(loop, work).OfType<SaveCheckpoint>()) loop.Handle(new CheckpointSaved(save.Step));
        }
        Assert.Equal(slots.Count, loop.Slots.Count);
        Assert.Equal(random.State, loop.Random.State);
    }

    [Fact]
    public void Steps_are_recorded_in_order_with_sample_sheets_and_checkpoints_at_their_intervals()
    {
        var loop = TrainingLoop.Start(Options());
        var bookkeeping = new List<LoopWork>();
        while (true)
        {
            var work = loop.Advance();
            if (work.Any(w => w is LoopFinished)) { bookkeeping.AddRange(work); break; }
            var done = FinishStep(loop, work);
            bookkeeping.AddRange(done);
            if (done.OfType<SaveCheckpoint>().SingleOrDefault() is { } save)
            {
                Assert.False(loop.Idle, "the loop waits for the checkpoint");
                Assert.Empty(loop.Handle(new CheckpointSaved(save.Step)));
            }
        }
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), bookkeeping.OfType<RecordStep>().Select(r => r.Record.Step));
        Assert.Equal([3L, 6, 9, 12], bookkeeping.OfType<EmitSamples>().Select(s => s.Step));
        Assert.Equal([4L, 8, 12], bookkeeping.OfType<SaveCheckpoint>().Select(s => s.Step));
        Assert.True(loop.Finished);
    }

    [Fact]
    public void Stopping_between_steps_ends_with_a_last_sheet_and_checkpoint()
    {
        var loop = TrainingLoop.Start(Options());
        FinishStep(loop, loop.Advance());
        var stop = loop.Stop();
        Assert.Equal([typeof(EmitSamples), typeof(SaveCheckpoint)], stop.Select(w => w.GetType()));
        Assert.Equal([typeof(LoopFinished)], loop.Handle(new CheckpointSaved(1)).Select(w => w.GetType()));
        Assert.True(loop.Finished);
    }

    [Fact]
    public void A_requested_checkpoint_is_taken_after_the_step_in_flight()
    {
        var loop = TrainingLoop.Start(Options());
        var work = loop.Advance();
        loop.RequestCheckpoint();
        Assert.Contains(FinishStep(loop, work), w => w is SaveCheckpoint { Step: 1 });
    }

    [Fact]
    public void In_fp16_a_skipped_step_halves_the_scale_its_next_slices_of_that_kind_use_and_in_fp32_the_scale_stays_1()
    {
        var fp16 = TrainingLoop.Start(Options(rSlices: 2) with { Precision = "fp16" });
        var first = fp16.Advance();
        Assert.All(first.OfType<ComputeRefinerSlice>(), w => Assert.Equal(LossScale.InitialFactor, w.LossScale));
        var apply = (ApplyRefinerStep)first.OfType<ComputeRefinerSlice>().SelectMany(w => fp16.Handle(new RefinerSliceDone(w.Step, w.Slice, RGrad))).Single();
        fp16.Handle(new RefinerStepApplied(apply.Step, new RefinerLosses(0.5, 0.1, Skipped: true)));
        Assert.All(fp16.Advance().OfType<ComputeRefinerSlice>(), w => Assert.Equal(LossScale.InitialFactor / 2, w.LossScale));
        Assert.Equal(LossScale.InitialFactor, fp16.Schedule.LossScaleFor(StepKind.DiscriminatorStep)); // D keeps its own

        var fp32 = TrainingLoop.Start(Options());
        Assert.All(fp32.Advance().OfType<ComputeRefinerSlice>(), w => Assert.Equal(1f, w.LossScale));
    }
}
