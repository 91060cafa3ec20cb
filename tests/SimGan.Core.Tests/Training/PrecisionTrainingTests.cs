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
    [InlineData("fp16")]
    [InlineData("fp64")]
    public void An_unsupported_precision_is_refused_with_one_line(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => (TinyImages.SmallOptions() with { Precision = name }).Validate());
        Assert.Contains("precision", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
