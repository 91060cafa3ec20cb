using SimGan.Core.Images;
using SimGan.Core.Runtime;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Tests.Training;

public class PrecisionTrainingTests
{
    static readonly ImageShape Shape = LocalTrainerTests.Shape;

    static LocalTrainer Trainer(TrainingOptions options, string dir, bool resume = false) => LocalTrainerTests.Trainer(options, dir, resume);

    static float[] Weights(LocalTrainer t) => LocalTrainerTests.Weights(t);

    static string Temp() => LocalTrainerTests.Temp();

    [Fact]
    public void A_bf16_run_trains_fp32_masters_that_stay_close_to_the_fp32_run_without_equalling_it()
    {
        var options = TinyImages.SmallOptions(steps: 12) with { Augment = "all" };
        using var fp32 = Trainer(options, Temp());
        using var bf16 = Trainer(options with { Precision = "bf16" }, Temp());
        fp32.Run(new RecordingObserver());
        bf16.Run(new RecordingObserver());

        Assert.All(bf16.Model.Refiner.parameters().Concat(bf16.Model.Discriminator.parameters()),
                   p => Assert.Equal(torch.ScalarType.Float32, p.dtype));
        float[] a = Weights(fp32), b = Weights(bf16);
        Assert.All(b, w => Assert.True(float.IsFinite(w)));
        Assert.NotEqual(a, b); // bf16 really computed the passes
        double diff = Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());
        double norm = Math.Sqrt(a.Sum(x => (double)x * x));
        Assert.True(diff / norm < 0.02, $"bf16 weights differ from fp32 by {diff / norm:P2} of their norm");
    }

    [Fact]
    public void A_checkpoint_written_in_bf16_resumes_in_fp32()
    {
        var options = TinyImages.SmallOptions(steps: 16) with { Precision = "bf16" };
        string dir = Temp();
        using (var first = Trainer(options with { Steps = 8 }, dir)) first.Run(new RecordingObserver());
        using var resumed = Trainer(options with { Precision = "fp32" }, dir, resume: true);
        Assert.Equal(8, resumed.Schedule.Step);
        resumed.Run(new RecordingObserver());
        Assert.Equal(16, resumed.Schedule.Step);
        Assert.All(Weights(resumed), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void An_fp16_run_scales_its_losses_trains_fp32_masters_close_to_fp32_and_resumes_exactly()
    {
        var options = TinyImages.SmallOptions(steps: 16) with { Augment = "all", Precision = "fp16" };
        using var fp32 = Trainer(options with { Precision = "fp32" }, Temp());
        fp32.Run(new RecordingObserver());
        string dir = Temp();
        using var whole = Trainer(options, Temp());
        whole.Run(new RecordingObserver());
        Assert.True(whole.Schedule.State.RefinerScale!.Active);
        Assert.True(whole.Schedule.State.DiscriminatorScale!.Active);
        Assert.False(fp32.Schedule.State.RefinerScale!.Active);

        float[] a = Weights(fp32), b = Weights(whole);
        Assert.All(b, w => Assert.True(float.IsFinite(w)));
        Assert.NotEqual(a, b);
        double diff = Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());
        double norm = Math.Sqrt(a.Sum(x => (double)x * x));
        Assert.True(diff / norm < 0.02, $"fp16 weights differ from fp32 by {diff / norm:P2} of their norm");

        // The scales travel in the checkpoint: half a run and its resumption equal the whole run.
        using (var half = Trainer(options with { Steps = 8 }, dir)) half.Run(new RecordingObserver());
        using var resumed = Trainer(options, dir, resume: true);
        resumed.Run(new RecordingObserver());
        Assert.Equal(whole.Schedule.State, resumed.Schedule.State);
        Assert.Equal(Weights(whole), Weights(resumed));
    }

    [Fact]
    public void In_fp16_a_step_whose_gradient_overflowed_is_skipped_and_in_fp32_it_is_not()
    {
        foreach (var precision in new[] { "fp16", "fp32" })
        {
            using var model = SimGanModel.Create(TinyImages.SmallOptions() with { Precision = precision }, Shape);
            var before = WeightVector.ReadWeights(model.Discriminator);
            var gradient = new float[before.Length];
            gradient[3] = float.PositiveInfinity;
            var (_, skipped) = DiscriminatorGradient.Apply(model, [new SliceGradient(gradient, 0.5)]);
            var losses = RefinerGradient.Apply(model, [new RefinerSliceGradient(new float[WeightVector.ReadWeights(model.Refiner).Length], 0, 0)]);
            Assert.False(losses.Skipped); // a finite R gradient steps in either precision
            Assert.Equal(precision == "fp16", skipped);
            Assert.Equal(precision == "fp16", before.SequenceEqual(WeightVector.ReadWeights(model.Discriminator)));
        }
    }

    [Fact]
    public void Fp32_on_the_cpu_computes_with_the_model_itself_and_anything_else_with_copies()
    {
        using var model = SimGanModel.Create(TinyImages.SmallOptions(), Shape);
        using (var reference = new SliceNetworks(model, torch.CPU, Precision.Fp32))
        {
            Assert.False(reference.AreCopies);
            Assert.Same(model.Refiner, reference.Refiner);
        }
        using var bf16 = new SliceNetworks(model, torch.CPU, Precision.Bf16);
        Assert.True(bf16.AreCopies);
        bf16.Sync();
        Assert.All(bf16.Refiner.parameters(), p => Assert.Equal(torch.ScalarType.BFloat16, p.dtype));
        var master = WeightVector.ReadWeights(model.Refiner);
        var copy = WeightVector.ReadWeights(bf16.Refiner);
        for (int i = 0; i < master.Length; i++) Assert.Equal(master[i], copy[i], Math.Abs(master[i]) / 128 + 1e-30);
    }

    [Theory]
    [InlineData("fp8")]
    [InlineData("fp64")]
    public void An_unsupported_precision_is_refused_with_one_line(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => (TinyImages.SmallOptions() with { Precision = name }).Validate());
        Assert.Contains("precision", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
