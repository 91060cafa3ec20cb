using SimGan.Core.Networks;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class TrainingOptionsTests
{
    [Theory]
    [InlineData("gaze", "paper-gaze")]
    [InlineData("hand", "paper-hand")]
    public void Paper_preset_names_give_the_papers_networks(string preset, string paperName)
    {
        var plain = new TrainingOptions { Preset = preset };
        var paper = new TrainingOptions { Preset = paperName };
        paper.Validate();
        Assert.Equal(plain.RefinerFor(1), paper.RefinerFor(1));
        Assert.Equal(plain.DiscriminatorFor(1).Layers, paper.DiscriminatorFor(1).Layers);
    }

    [Fact]
    public void The_hand_preset_has_the_papers_seven_by_seven_refiner_and_the_cpu_preset_is_narrower()
    {
        Assert.Equal(RefinerSpec.Hand(1), new TrainingOptions { Preset = "paper-hand" }.RefinerFor(1));
        Assert.Equal(new RefinerSpec(1, 32, 3, 3), new TrainingOptions { Preset = "cpu-gaze" }.RefinerFor(1));
    }

    [Fact]
    public void The_discriminator_scale_sets_the_gaze_discriminators_widths_and_the_cpu_presets_default_to_half()
    {
        var cpu = new TrainingOptions { Preset = "cpu-gaze" };
        var full = cpu with { DiscriminatorScale = 1 };
        full.Validate();
        // cpu-gaze with the paper's D is the paper's gaze networks with the CPU refiner: docs/real-data.md ran it that way.
        var paperNetworks = new TrainingOptions { Preset = "gaze", RefinerWidth = 32, RefinerBlocks = 3 };
        Assert.Equal(paperNetworks.DiscriminatorFor(1).Layers, full.DiscriminatorFor(1).Layers);
        Assert.Equal(paperNetworks.RefinerFor(1), full.RefinerFor(1));
        Assert.Equal([48, 32, 0, 16, 16, 2], cpu.DiscriminatorFor(1).Layers.Select(l => l.OutChannels));
        Assert.Equal([96, 64, 0, 32, 32, 2], full.DiscriminatorFor(1).Layers.Select(l => l.OutChannels));
        Assert.Equal(cpu.DiscriminatorFor(1).Layers, (cpu with { DiscriminatorScale = 0.5 }).DiscriminatorFor(1).Layers);
    }

    [Theory]
    [InlineData("cpu-gaze", 0.0, "must be in (0, 4]")]
    [InlineData("cpu-gaze", 5.0, "must be in (0, 4]")]
    [InlineData("hand", 1.0, "not the paper's hand one")]
    public void A_discriminator_scale_that_cannot_apply_is_refused(string preset, double scale, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { Preset = preset, DiscriminatorScale = scale }.Validate());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_unknown_preset_is_refused_with_the_names_it_knows()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { Preset = "huge" }.Validate());
        Assert.Contains("paper-gaze", error.Message);
    }
}
