using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Tests.Training;

public class LocalTrainerTests
{
    internal static readonly ImageShape Shape = new(1, 10, 12);

    internal static LocalTrainer Trainer(TrainingOptions options, string dir, bool resume = false) =>
        new(options, new TinyImages(Shape, 40, 0.9f), new TinyImages(Shape, null, 0.4f), new CheckpointDirectory(dir), resume: resume);

    internal static float[] Weights(LocalTrainer t) =>
        t.Model.Refiner.parameters().Concat(t.Model.Discriminator.parameters())
            .SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_weights()
    {
        var options = TinyImages.SmallOptions(steps: 10);
        using var a = Trainer(options, Temp());
        using var b = Trainer(options, Temp());
        a.Run(new RecordingObserver()); b.Run(new RecordingObserver());
        Assert.Equal(Weights(a), Weights(b));
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("all", 0.9)]
    public void Stopping_and_resuming_equals_training_straight_through(string augment, double emaDecay)
    {
        var full = TinyImages.SmallOptions(steps: 16) with { Augment = augment, EmaDecay = emaDecay };
        using var straight = Trainer(full, Temp());
        straight.Run(new RecordingObserver());

        string dir = Temp();
        using (var firstHalf = Trainer(full with { Steps = 8 }, dir)) firstHalf.Run(new RecordingObserver());
        using var resumed = Trainer(full, dir, resume: true);
        Assert.NotNull(resumed.ResumedFrom);
        Assert.Equal(8, resumed.Schedule.Step);
        resumed.Run(new RecordingObserver());

        Assert.Equal(16, resumed.Schedule.Step);
        Assert.Equal(straight.Buffer.Contents.ToArray(), resumed.Buffer.Contents.ToArray());
        Assert.Equal(Weights(straight), Weights(resumed));
        if (emaDecay > 0)
        {
            Assert.Equal(straight.Model.Average!.Updates, resumed.Model.Average!.Updates);
            Assert.Equal(Parameters(straight.Model.ExportedRefiner), Parameters(resumed.Model.ExportedRefiner));
        }
    }

    static float[] Parameters(TorchSharp.torch.nn.Module module) =>
        module.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray();

    [Fact]
    public void A_run_with_a_moving_average_exports_the_average_and_its_checkpoints_refine_with_it()
    {
        string dir = Temp();
        using var t = Trainer(TinyImages.SmallOptions(steps: 10) with { EmaDecay = 0.9 }, dir);
        t.Run(new RecordingObserver());
        var average = Parameters(t.Model.ExportedRefiner);
        Assert.NotEqual(Parameters(t.Model.Refiner), average);
        Assert.Equal(t.Schedule.State.RSteps, t.Model.Average!.Updates);
        using var loaded = SimGan.Core.Export.RefinerModel.Load(Path.Combine(dir, "step-000000010.sgck"));
        Assert.Equal(average, Parameters(loaded.Refiner));
    }

    [Fact]
    public void Reports_every_step_samples_and_checkpoints()
    {
        var observer = new RecordingObserver();
        var options = TinyImages.SmallOptions(steps: 10);
        string dir = Temp();
        using (var t = Trainer(options, dir)) t.Run(observer);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), observer.Steps.Select(s => s.Step));
        Assert.Equal(new long[] { 5, 10 }, observer.SampleSteps);
        // Every 4 steps and at the end; only the newest three are kept on disk.
        Assert.Equal(3, observer.Checkpoints.Count);
        Assert.All(observer.Steps.Where(s => s.Kind == StepKind.DiscriminatorStep), s => Assert.False(double.IsNaN(s.LossD)));
        Assert.All(observer.Steps.Where(s => s.Phase == Phase.Adversarial && s.Kind == StepKind.RefinerStep),
                   s => Assert.False(double.IsNaN(s.LossRAdv)));
    }

    [Fact]
    public void A_run_with_the_equalising_output_stage_keeps_it_in_its_checkpoints_and_export()
    {
        string dir = Temp();
        var options = TinyImages.SmallOptions(steps: 8) with { EqualizeOutput = true };
        using (var t = Trainer(options, dir)) t.Run(new RecordingObserver());
        var newest = new CheckpointDirectory(dir).LoadNewestValid(_ => { })!.Value;
        var (restored, _, _) = TrainingCheckpoint.Peek(newest.Sections);
        Assert.True(restored.EqualizeOutput);
        using var model = SimGan.Core.Export.RefinerModel.Load(newest.Path);
        Assert.True(model.Refiner.Spec.EqualizeOutput);
    }

    [Fact]
    public void Mismatched_image_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LocalTrainer(TinyImages.SmallOptions(), new TinyImages(Shape, 10, 1),
            new TinyImages(new ImageShape(3, 10, 12), 10, 1), new CheckpointDirectory(Temp())));
    }

    internal static string Temp() => Directory.CreateTempSubdirectory("simgan-test-").FullName;
}
