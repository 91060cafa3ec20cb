using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Tests.Training;

public class StepTests
{
    static SimGanModel Model() => SimGanModel.Create(TinyImages.SmallOptions(), new ImageShape(1, 12, 16));

    [Fact]
    public void Refiner_step_changes_every_refiner_parameter_and_no_discriminator_parameter()
    {
        using var model = Model();
        var rBefore = model.Refiner.parameters().Select(p => p.detach().clone()).ToList();
        var dBefore = model.Discriminator.parameters().Select(p => p.detach().clone()).ToList();
        using var x = torch.rand(4, 1, 12, 16) * 2 - 1;
        var losses = RefinerStep.Run(model, x, adversarial: true);
        Assert.False(double.IsNaN(losses.Adversarial));
        Assert.All(model.Refiner.parameters().Zip(rBefore), pair => Assert.False(pair.First.allclose(pair.Second, 0, 0)));
        Assert.All(model.Discriminator.parameters().Zip(dBefore), pair => Assert.True(pair.First.allclose(pair.Second, 0, 0)));
        Assert.All(model.Discriminator.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void With_the_equalising_output_stage_the_L1_term_compares_the_networks_own_output_and_D_sees_the_stage()
    {
        // Equalised images are far from the synthetic input (the whole tone curve changes), so the L1 term must measure
        // what the network changed, not what the fixed stage does.
        using var model = SimGanModel.Create(TinyImages.SmallOptions() with { EqualizeOutput = true }, new ImageShape(1, 12, 16));
        Assert.True(model.Refiner.Spec.EqualizeOutput);
        using var generator = new torch.Generator(8);
        using var x = torch.rand(new long[] { 4, 1, 12, 16 }, generator: generator) * 0.2 - 0.1;
        float rawL1, stagedL1;
        using (torch.no_grad())
        {
            using var raw = model.Refiner.forward(x);
            using var staged = model.Refiner.Refine(x);
            rawL1 = (raw - x).abs().mean().item<float>();
            stagedL1 = (staged - x).abs().mean().item<float>();
        }
        var losses = RefinerStep.Run(model, x, adversarial: true);
        Assert.Equal(rawL1, losses.SelfRegularization, 1e-6);
        Assert.True(stagedL1 > 2 * rawL1, $"the stage should move a narrow-range input far: {stagedL1} vs {rawL1}");
        Assert.False(double.IsNaN(losses.Adversarial));
    }

    [Fact]
    public void Pretraining_refiner_step_reports_no_adversarial_loss()
    {
        using var model = Model();
        using var x = torch.rand(4, 1, 12, 16) * 2 - 1;
        var losses = RefinerStep.Run(model, x, adversarial: false);
        Assert.True(double.IsNaN(losses.Adversarial));
        Assert.True(losses.SelfRegularization > 0);
    }

    [Fact]
    public void Discriminator_step_reaches_every_discriminator_parameter()
    {
        using var model = Model();
        var before = model.Discriminator.parameters().Select(p => p.detach().clone()).ToList();
        using var refined = torch.rand(4, 1, 12, 16) * 2 - 1;
        using var real = torch.rand(4, 1, 12, 16) * 2 - 1;
        double loss = DiscriminatorStep.Run(model, refined, real);
        Assert.InRange(loss, 0.1, 5);
        Assert.All(model.Discriminator.parameters().Zip(before), pair => Assert.False(pair.First.allclose(pair.Second, 0, 0)));
    }

    [Fact]
    public void Discriminator_learns_to_separate_two_obvious_sets()
    {
        using var model = SimGanModel.Create(TinyImages.SmallOptions() with { LrD = 3e-3 }, new ImageShape(1, 12, 16));
        using var dark = torch.full(new long[] { 4, 1, 12, 16 }, -0.8f);
        using var bright = torch.full(new long[] { 4, 1, 12, 16 }, 0.8f);
        double first = DiscriminatorStep.Run(model, dark, bright), last = first;
        for (int i = 0; i < 60; i++) last = DiscriminatorStep.Run(model, dark, bright);
        Assert.True(last < first * 0.3, $"D loss went from {first} to {last}");
    }
}
