using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class WeightVectorTests
{
    static SimGanModel Model(ulong seed = 3) =>
        SimGanModel.Create(TinyImages.SmallOptions() with { Seed = seed }, new ImageShape(1, 12, 16));

    /// <summary>Awkward floats: subnormals, -0, huge and tiny magnitudes, values with every mantissa bit in use.</summary>
    static float[] Awkward(int n, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        float[] specials = [-0f, float.Epsilon, -float.Epsilon, 1e-30f, -3.4e38f, 0.1f, 1f / 3f];
        return Enumerable.Range(0, n)
            .Select(i => i < specials.Length ? specials[i] : BitConverter.UInt32BitsToSingle((uint)rng.NextUInt64() & 0xBF7FFFFF))
            .ToArray();
    }

    static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    [Fact]
    public void Length_counts_every_parameter_value()
    {
        using var model = Model();
        long expected = model.Discriminator.parameters().Sum(p => p.numel());
        Assert.Equal(expected, WeightVector.Length(model.Discriminator));
        Assert.Equal(expected, WeightVector.ReadWeights(model.Discriminator).Length);
    }

    [Fact]
    public void Weights_written_into_another_model_read_back_bit_for_bit()
    {
        using var source = Model(3);
        using var target = Model(4);
        var weights = WeightVector.ReadWeights(source.Discriminator);
        Assert.NotEqual(weights, WeightVector.ReadWeights(target.Discriminator));
        WeightVector.WriteWeights(target.Discriminator, weights);
        Assert.Equal(Bits(weights), Bits(WeightVector.ReadWeights(target.Discriminator)));
        foreach (var (p, q) in source.Discriminator.parameters().Zip(target.Discriminator.parameters()))
            Assert.True(p.allclose(q, 0, 0));
    }

    [Fact]
    public void Awkward_values_survive_a_write_and_read_bit_for_bit()
    {
        using var model = Model();
        var values = Awkward(WeightVector.Length(model.Discriminator), 17);
        WeightVector.WriteWeights(model.Discriminator, values);
        Assert.Equal(Bits(values), Bits(WeightVector.ReadWeights(model.Discriminator)));
    }

    [Fact]
    public void Written_weights_keep_their_gradient_tracking()
    {
        using var model = Model();
        WeightVector.WriteWeights(model.Discriminator, new float[WeightVector.Length(model.Discriminator)]);
        Assert.All(model.Discriminator.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void SetGradients_makes_every_grad_exactly_the_given_values()
    {
        using var model = Model();
        var values = Awkward(WeightVector.Length(model.Discriminator), 23);
        WeightVector.SetGradients(model.Discriminator, values);
        Assert.All(model.Discriminator.parameters(), p => Assert.NotNull(p.grad));
        Assert.Equal(Bits(values), Bits(WeightVector.ReadGradients(model.Discriminator)));
    }

    [Fact]
    public void SetGradients_replaces_earlier_gradients_instead_of_adding_to_them()
    {
        using var model = Model();
        int n = WeightVector.Length(model.Discriminator);
        WeightVector.SetGradients(model.Discriminator, Awkward(n, 1));
        var second = Awkward(n, 2);
        WeightVector.SetGradients(model.Discriminator, second);
        Assert.Equal(Bits(second), Bits(WeightVector.ReadGradients(model.Discriminator)));
    }

    [Fact]
    public void Gradients_of_a_module_that_never_ran_backward_read_as_zeros()
    {
        using var model = Model();
        Assert.All(WeightVector.ReadGradients(model.Discriminator), g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_vector_of_the_wrong_length_is_refused_and_changes_nothing(int delta)
    {
        using var model = Model();
        int n = WeightVector.Length(model.Discriminator);
        var before = WeightVector.ReadWeights(model.Discriminator);
        var ex = Assert.Throws<ArgumentException>(() => WeightVector.WriteWeights(model.Discriminator, new float[n + delta]));
        Assert.Contains($"expected {n}", ex.Message);
        Assert.Throws<ArgumentException>(() => WeightVector.SetGradients(model.Discriminator, new float[n + delta]));
        Assert.Equal(before, WeightVector.ReadWeights(model.Discriminator));
    }

    [Fact]
    public void Reading_weights_and_gradients_outside_a_dispose_scope_leaves_no_tensor_behind()
    {
        // The coordinator reads D's weights for every broadcast outside any scope; each leaked handle (and the
        // channels-last copy behind it) grew a long cluster run's memory step after step.
        using var model = Model();
        WeightVector.SetGradients(model.Discriminator, new float[WeightVector.Length(model.Discriminator)]);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            WeightVector.ReadWeights(model.Discriminator);
            WeightVector.ReadGradients(model.Discriminator);
            WeightVector.WriteWeights(model.Discriminator, WeightVector.ReadWeights(model.Discriminator));
        }
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Applying_slice_gradients_outside_a_dispose_scope_leaves_no_tensor_behind()
    {
        using var model = Model();
        var slice = new SliceGradient(new float[WeightVector.Length(model.Discriminator)], 0.5);
        DiscriminatorGradient.Apply(model, [slice]);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 10; i++) DiscriminatorGradient.Apply(model, [slice, slice]);
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
