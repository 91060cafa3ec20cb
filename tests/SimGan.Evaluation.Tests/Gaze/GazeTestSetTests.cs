using System.Text.Json.Nodes;
using SimGan.Evaluation.Gaze;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Gaze;

public class GazeTestSetTests
{
    static readonly RenderedEyes Eyes = new(6, seed: 1, EyeStyle.Clean);

    [Fact]
    public void A_set_labelled_with_pitch_and_yaw_or_with_a_gaze_vector_can_score_gaze()
    {
        Assert.Null(GazeTestSet.WhyUnmeasurable(Eyes));
        var vectorOnly = new Relabelled(Eyes, i => new JsonObject { ["gaze_vector"] = Eyes.Labels(i)["gaze_vector"]!.DeepClone() });
        Assert.Null(GazeTestSet.WhyUnmeasurable(vectorOnly));
        var anglesOnly = new Relabelled(Eyes, i => new JsonObject { ["gaze_pitch"] = 0.1, ["gaze_yaw"] = -0.2 });
        Assert.Null(GazeTestSet.WhyUnmeasurable(anglesOnly));
    }

    [Fact]
    public void A_set_without_labels_or_without_gaze_among_them_cannot()
    {
        Assert.Equal(GazeTestSet.NoGazeLabels, GazeTestSet.WhyUnmeasurable(Relabelled.WithoutLabels(Eyes)));
        var pupilsOnly = new Relabelled(Eyes, i => new JsonObject { ["pupil_x"] = 27.0, ["pupil_y"] = 17.0 });
        Assert.Equal(GazeTestSet.NoGazeLabels, GazeTestSet.WhyUnmeasurable(pupilsOnly));
        var pitchWithoutYaw = new Relabelled(Eyes, i => new JsonObject { ["gaze_pitch"] = 0.1 });
        Assert.Equal(GazeTestSet.NoGazeLabels, GazeTestSet.WhyUnmeasurable(pitchWithoutYaw));
    }

    [Fact]
    public void A_set_whose_first_images_are_labelled_only_in_part_is_refused_naming_them()
    {
        var partly = new Relabelled(Eyes, i => i == 1 ? null : Eyes.Labels(i));
        var error = Assert.Throws<ArgumentException>(() => GazeTestSet.WhyUnmeasurable(partly));
        Assert.Contains("image 0", error.Message);
        Assert.Contains("image 1 has none", error.Message);
    }

    [Fact]
    public void Only_the_first_images_are_looked_at()
    {
        // An image further on without labels is not looked for here; the gaze test itself fails on it.
        var laterUnlabelled = new Relabelled(Eyes, i => i < GazeTestSet.ImagesChecked ? Eyes.Labels(i) : null);
        Assert.Null(GazeTestSet.WhyUnmeasurable(laterUnlabelled));
        Assert.Null(GazeTestSet.WhyUnmeasurable(new RenderedEyes(1, 1, EyeStyle.Clean)));
    }
}
