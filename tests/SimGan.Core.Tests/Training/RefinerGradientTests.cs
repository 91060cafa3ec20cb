using SimGan.Core.Augmentation;
using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Training;

public class RefinerGradientTests
{
    static readonly ImageShape Shape = new(1, 12, 16);

    static SimGanModel Model(string augment = "all") => SimGanModel.Create(TinyImages.SmallOptions() with { Augment = augment }, Shape);

    static Tensor Images(int n, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var values = Enumerable.Range(0, n * Shape.Pixels).Select(_ => rng.NextInt(2001) / 1000f - 1f).ToArray();
        return torch.tensor(values, new long[] { n, Shape.Channels, Shape.Height, Shape.Width });
    }

    static RefinerSliceGradient[] Slices(SimGanModel model, Tensor synthetic, int k, bool adversarial = true) =>
        RefinerSlices.Split((int)synthetic.shape[0], k).Select(r => RefinerGradient.Compute(model.Refiner, model.Discriminator,
            synthetic.narrow(0, r.Start, r.Count).contiguous(),
            new RefinerSliceContext(model.Psi, model.Options.Lambda, model.Augmentation, model.Options.Seed, 17, r.Start,
                                    (int)synthetic.shape[0], adversarial))).ToArray();

    static float[] Weights(nn.Module m) => WeightVector.ReadWeights(m);

    /// <summary>L_R on the whole batch, written out as the paper states it, and one optimizer step on it.</summary>
    static (double Adversarial, double Reg) Reference(SimGanModel model, Tensor x, bool adversarial)
    {
        model.RefinerOptimizer.zero_grad();
        var refined = model.Refiner.forward(x);
        var reg = SimGan.Core.Losses.SelfRegularizationLoss.Compute(model.Psi, refined, x);
        double adv = double.NaN;
        Tensor loss = reg;
        if (adversarial)
        {
            foreach (var p in model.Discriminator.parameters()) p.requires_grad = false;
            var judged = DifferentiableAugmentation.Apply(model.Refiner.Output(refined), model.Augmentation,
                new AugmentationKey(model.Options.Seed, 17, AugmentedBatch.RefinerStep));
            var realness = SimGan.Core.Losses.LocalAdversarialLoss.Against(model.Discriminator.forward(judged), SimGan.Core.Losses.LocalAdversarialLoss.Real);
            adv = realness.item<float>();
            loss = realness + reg * model.Options.Lambda;
            foreach (var p in model.Discriminator.parameters()) p.requires_grad = true;
        }
        loss.backward();
        model.RefinerOptimizer.step();
        return (adv, reg.item<float>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_slice_applied_is_the_whole_batch_step_to_the_last_bit(bool adversarial)
    {
        using var viaSlices = Model();
        using var reference = Model();
        using var x = Images(6, 1);
        var losses = RefinerGradient.Apply(viaSlices, Slices(viaSlices, x, 1, adversarial));
        var expected = Reference(reference, x, adversarial);
        Assert.Equal(Weights(reference.Refiner), Weights(viaSlices.Refiner));
        Assert.Equal(expected.Reg, losses.SelfRegularization, 1e-6);
        if (adversarial) Assert.Equal(expected.Adversarial, losses.Adversarial, 1e-6);
        else Assert.True(double.IsNaN(losses.Adversarial));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Slices_add_up_to_the_whole_batch_within_rounding(int k)
    {
        using var model = Model();
        using var x = Images(6, 2);
        var whole = Slices(model, x, 1).Single();
        var parts = Slices(model, x, k);
        Assert.Equal(whole.Adversarial, parts.Sum(p => p.Adversarial), 1e-5);
        Assert.Equal(whole.SelfRegularization, parts.Sum(p => p.SelfRegularization), 1e-5);
        var sum = new float[whole.Gradient.Length];
        foreach (var p in parts) for (int i = 0; i < sum.Length; i++) sum[i] += p.Gradient[i];
        for (int i = 0; i < sum.Length; i++) Assert.Equal(whole.Gradient[i], sum[i], 1e-4);
    }

    [Fact]
    public void Computing_a_slice_changes_no_weight_and_leaves_D_trainable()
    {
        using var model = Model();
        using var x = Images(4, 3);
        var r = Weights(model.Refiner);
        var d = Weights(model.Discriminator);
        Slices(model, x, 2);
        Assert.Equal(r, Weights(model.Refiner));
        Assert.Equal(d, Weights(model.Discriminator));
        Assert.All(model.Discriminator.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Slices_are_split_into_contiguous_runs_that_cover_the_batch()
    {
        Assert.Equal([new RowRange(0, 2), new RowRange(2, 3), new RowRange(5, 2), new RowRange(7, 3)], RefinerSlices.Split(10, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => RefinerSlices.Split(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => RefinerSlices.Split(3, 0));
    }
}
