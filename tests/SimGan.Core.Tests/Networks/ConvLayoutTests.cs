using SimGan.Core.Images;
using SimGan.Core.Losses;
using SimGan.Core.Networks;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Networks;

/// <summary>
/// The channels-last layout is a speed choice only. Its kernels sum in another order, so results agree to float
/// rounding, not bit for bit: outputs in [-1, 1] within 1e-5 absolute, gradients (compared in double precision)
/// within 1e-4 of their largest entry.
/// </summary>
public class ConvLayoutTests
{
    const double OutputTolerance = 1e-5;
    const double GradientTolerance = 1e-4;

    [Theory]
    [InlineData(1, 35, 55, 3)]
    [InlineData(3, 20, 24, 3)]
    [InlineData(1, 24, 32, 7)]
    public void Refiner_computes_the_same_images_in_both_layouts(int channels, int h, int w, int kernel)
    {
        torch.manual_seed(5);
        using var r = new Refiner(RefinerSpec.Gaze(channels) with { Width = 16, Blocks = 2, Kernel = kernel });
        using var x = torch.rand(3, channels, h, w) * 2 - 1;
        using var _ = torch.no_grad();
        r.Layout = ConvLayout.Contiguous;
        using var plain = r.forward(x);
        r.Layout = ConvLayout.ChannelsLast;
        using var fast = r.forward(x);
        Assert.Equal(plain.shape, fast.shape);
        Assert.True(fast.is_contiguous(), "callers read refined pixels as NCHW");
        Assert.True(plain.allclose(fast, rtol: 0, atol: OutputTolerance), $"max difference {(plain - fast).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData("gaze", 1, 35, 55)]
    [InlineData("hand", 1, 64, 64)]
    [InlineData("gaze", 3, 35, 55)]
    public void Discriminator_computes_the_same_logits_in_both_layouts(string preset, int channels, int h, int w)
    {
        torch.manual_seed(6);
        using var d = new Discriminator(preset == "hand" ? DiscriminatorSpec.Hand(channels) : DiscriminatorSpec.Gaze(channels));
        using var x = torch.rand(4, channels, h, w) * 2 - 1;
        using var _ = torch.no_grad();
        d.Layout = ConvLayout.Contiguous;
        using var plain = d.forward(x);
        d.Layout = ConvLayout.ChannelsLast;
        using var fast = d.forward(x);
        Assert.Equal(plain.shape, fast.shape);
        Assert.True(plain.allclose(fast, rtol: 0, atol: OutputTolerance), $"max difference {(plain - fast).abs().max().item<float>()}");
    }

    [Fact]
    public void Both_layouts_give_the_same_gradients_to_every_parameter()
    {
        var plain = Gradients(ConvLayout.Contiguous);
        var fast = Gradients(ConvLayout.ChannelsLast);
        Assert.Equal(plain.Count, fast.Count);
        foreach (var ((name, a), (_, b)) in plain.Zip(fast))
        {
            double scale = Math.Max(a.abs().max().item<double>(), 1e-12);
            double diff = (a - b).abs().max().item<double>();
            Assert.True(diff <= GradientTolerance * scale, $"{name}: gradients differ by {diff} (largest entry {scale})");
        }
    }

    [Fact]
    public void Parameters_stay_contiguous_so_checkpoints_and_exports_can_read_their_bytes()
    {
        using var model = SimGanModel.Create(TinyImages.SmallOptions(), new ImageShape(1, 12, 16));
        using var x = torch.rand(4, 1, 12, 16) * 2 - 1;
        RefinerStep.Run(model, x, adversarial: true);
        DiscriminatorStep.Run(model, x, x);
        Assert.All(model.Refiner.parameters().Concat(model.Discriminator.parameters()), p => Assert.True(p.is_contiguous()));
    }

    // The R step's loss on one batch, backpropagated through D into R, with gradients collected for both networks.
    static List<(string Name, Tensor Grad)> Gradients(ConvLayout layout)
    {
        using var model = SimGanModel.Create(TinyImages.SmallOptions() with { RefinerWidth = 16 }, new ImageShape(1, 35, 55));
        model.Refiner.Layout = layout;
        model.Discriminator.Layout = layout;
        // In double precision: in float32 the layouts' different summation orders occasionally flip a ReLU or an L1
        // sign sitting within rounding of zero, which moved a gradient by 4 % of its largest entry in one CI run.
        model.Refiner.to(ScalarType.Float64);
        model.Discriminator.to(ScalarType.Float64);
        // Its own generator: both layouts must see the same batch whatever other test classes draw meanwhile.
        using var generator = new torch.Generator(7);
        using var x = torch.rand(4, 1, 35, 55, dtype: ScalarType.Float64, generator: generator) * 2 - 1;
        using var scope = torch.NewDisposeScope();
        var refined = model.Refiner.forward(x);
        var loss = LocalAdversarialLoss.Against(model.Discriminator.forward(refined), LocalAdversarialLoss.Real)
                 + SelfRegularizationLoss.Compute(model.Psi, refined, x) * 0.5;
        loss.backward();
        var grads = model.Refiner.named_parameters().Select(p => ("R." + p.name, p.parameter))
            .Concat(model.Discriminator.named_parameters().Select(p => ("D." + p.name, p.parameter)))
            .Select(p => (p.Item1, p.parameter.grad!.detach().clone().MoveToOuterDisposeScope()))
            .ToList();
        return grads;
    }
}
