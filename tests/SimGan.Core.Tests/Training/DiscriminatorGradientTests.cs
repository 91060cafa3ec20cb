using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Training;

public class DiscriminatorGradientTests
{
    static readonly ImageShape Shape = new(1, 12, 16);

    static SimGanModel Model() => SimGanModel.Create(TinyImages.SmallOptions(), Shape);

    /// <summary>A fixed batch: the same numbers in every test and every run.</summary>
    static Tensor Images(int n, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var values = Enumerable.Range(0, n * Shape.Pixels).Select(_ => rng.NextInt(2001) / 1000f - 1f).ToArray();
        return torch.tensor(values, new long[] { n, Shape.Channels, Shape.Height, Shape.Width });
    }

    static List<SliceGradient> Slices(SimGanModel model, Tensor refined, Tensor real, int k)
    {
        int n = (int)refined.shape[0], m = (int)real.shape[0];
        return DiscriminatorSlices.Split(n, m, k)
            .Select(s => DiscriminatorGradient.Compute(model.Discriminator,
                refined.narrow(0, s.RefinedStart, s.RefinedCount).contiguous(),
                real.narrow(0, s.RealStart, s.RealCount).contiguous(), n, m))
            .ToList();
    }

    static float[] Sum(IEnumerable<SliceGradient> slices)
    {
        float[]? sum = null;
        foreach (var s in slices)
        {
            if (sum is null) { sum = (float[])s.Gradient.Clone(); continue; }
            for (int i = 0; i < sum.Length; i++) sum[i] += s.Gradient[i];
        }
        return sum!;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Slice_losses_add_up_to_the_full_batch_loss(int k)
    {
        using var model = Model();
        using var refined = Images(6, 1);
        using var real = Images(6, 2);
        double whole = Slices(model, refined, real, 1).Single().Loss;
        double sum = Slices(model, refined, real, k).Sum(s => s.Loss);
        Assert.InRange(whole, 0.1, 5);
        Assert.Equal(whole, sum, 1e-5);
    }

    [Fact]
    public void Slice_losses_weight_uneven_slices_by_their_share_of_the_batch()
    {
        // 7 refined and 5 real in 3 slices: slices of different sizes must still add up to the mean over all rows.
        using var model = Model();
        using var refined = Images(7, 3);
        using var real = Images(5, 4);
        double whole = Slices(model, refined, real, 1).Single().Loss;
        Assert.Equal(whole, Slices(model, refined, real, 3).Sum(s => s.Loss), 1e-5);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_sum_of_slice_gradients_is_the_whole_batch_gradient(int k)
    {
        using var model = Model();
        using var refined = Images(4, 5);
        using var real = Images(4, 6);
        var whole = Slices(model, refined, real, 1).Single().Gradient;
        var summed = Sum(Slices(model, refined, real, k));
        Assert.Equal(whole.Length, summed.Length);
        double norm = Math.Sqrt(whole.Sum(g => (double)g * g));
        double diff = Math.Sqrt(whole.Zip(summed, (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.True(norm > 0, "the gradient is zero; the test would prove nothing");
        Assert.True(diff <= 1e-4 * norm, $"|sum - whole| = {diff}, |whole| = {norm}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Loop_slices_of_current_and_history_rows_augment_each_image_as_the_whole_batch_does(int k)
    {
        // D's loop batch: 4 current rows then 4 history rows; every slice takes some of each. The augmentation must
        // key each image by its row in the whole batch, or the slice losses would not add up to the whole batch's.
        using var model = Model();
        using var refined = Images(8, 50);
        using var real = Images(8, 51);
        double SliceLoss(int slice, int slices)
        {
            var current = RowRange.Part(4, slice, slices);
            var history = RowRange.Part(4, slice, slices);
            var rows = new Core.Training.Loop.DiscriminatorSliceRows(0, 4, 8, 8, current, history, RowRange.Part(8, slice, slices), [], []);
            using var mine = torch.cat(new[] { refined.narrow(0, current.Start, current.Count), refined.narrow(0, 4 + history.Start, history.Count) }, 0);
            using var realRows = real.narrow(0, rows.Real.Start, rows.Real.Count).contiguous();
            return DiscriminatorGradient.Compute(model.Discriminator, mine.contiguous(), realRows, 8, 8,
                rows.Augmentation(Core.Augmentation.AugmentationPolicy.All, 7, 3)).Loss;
        }
        double whole = DiscriminatorGradient.Compute(model.Discriminator, refined, real, 8, 8,
            new SliceAugmentation(Core.Augmentation.AugmentationPolicy.All, 7, 3, 0, 0)).Loss;
        double sum = Enumerable.Range(0, k).Sum(slice => SliceLoss(slice, k));
        Assert.Equal(whole, SliceLoss(0, 1), 1e-5);
        Assert.InRange(whole, 0.1, 5);
        Assert.Equal(whole, sum, 1e-5);
    }

    [Fact]
    public void Compute_leaves_the_weights_alone_and_zeroes_earlier_gradients_first()
    {
        using var model = Model();
        using var refined = Images(4, 7);
        using var real = Images(4, 8);
        var before = WeightVector.ReadWeights(model.Discriminator);
        var first = Slices(model, refined, real, 1).Single().Gradient;
        var second = Slices(model, refined, real, 1).Single().Gradient;
        Assert.Equal(before, WeightVector.ReadWeights(model.Discriminator));
        Assert.Equal(first, second); // not first + second: gradients do not accumulate across calls
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Two_fresh_models_with_the_same_slice_count_stay_bit_identical(int k)
    {
        using var a = Model();
        using var b = Model();
        Assert.Equal(WeightVector.ReadWeights(a.Discriminator), WeightVector.ReadWeights(b.Discriminator));
        var lossesA = new List<double>();
        var lossesB = new List<double>();
        for (int step = 0; step < 4; step++)
        {
            using var refined = Images(6, 10 + (ulong)step);
            using var real = Images(6, 20 + (ulong)step);
            lossesA.Add(DiscriminatorStep.Run(a, refined, real, k));
            lossesB.Add(DiscriminatorStep.Run(b, refined, real, k));
        }
        Assert.Equal(lossesA, lossesB);
        foreach (var (p, q) in a.Discriminator.parameters().Zip(b.Discriminator.parameters()))
            Assert.True(p.allclose(q, 0, 0), "weights differ between two identical runs");
    }

    [Fact]
    public void Run_with_k_slices_equals_applying_the_k_slice_gradients_by_hand()
    {
        using var viaRun = Model();
        using var byHand = Model();
        using var refined = Images(6, 30);
        using var real = Images(6, 31);
        double lossRun = DiscriminatorStep.Run(viaRun, refined, real, 3);
        double lossHand = DiscriminatorGradient.Apply(byHand, Slices(byHand, refined, real, 3)).Loss;
        Assert.Equal(lossHand, lossRun);
        Assert.Equal(WeightVector.ReadWeights(byHand.Discriminator), WeightVector.ReadWeights(viaRun.Discriminator));
    }

    [Fact]
    public void Apply_changes_the_weights_and_returns_the_summed_loss()
    {
        using var model = Model();
        using var refined = Images(4, 40);
        using var real = Images(4, 41);
        var slices = Slices(model, refined, real, 2);
        var before = WeightVector.ReadWeights(model.Discriminator);
        var (loss, skipped) = DiscriminatorGradient.Apply(model, slices);
        Assert.Equal(slices[0].Loss + slices[1].Loss, loss);
        Assert.False(skipped);
        Assert.NotEqual(before, WeightVector.ReadWeights(model.Discriminator));
    }

    [Fact]
    public void Apply_refuses_gradients_of_different_lengths_and_an_empty_list()
    {
        using var model = Model();
        int n = WeightVector.Length(model.Discriminator);
        var before = WeightVector.ReadWeights(model.Discriminator);
        Assert.Throws<ArgumentException>(() => DiscriminatorGradient.Apply(model,
            [new SliceGradient(new float[n], 0.5), new SliceGradient(new float[n - 1], 0.5)]));
        Assert.Throws<ArgumentException>(() => DiscriminatorGradient.Apply(model, [new SliceGradient(new float[n + 1], 0.5)]));
        Assert.Throws<ArgumentException>(() => DiscriminatorGradient.Apply(model, []));
        Assert.Equal(before, WeightVector.ReadWeights(model.Discriminator));
    }
}
