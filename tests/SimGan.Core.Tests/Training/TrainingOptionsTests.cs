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
    public void An_unknown_preset_is_refused_with_the_names_it_knows()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { Preset = "huge" }.Validate());
        Assert.Contains("paper-gaze", error.Message);
    }
}
