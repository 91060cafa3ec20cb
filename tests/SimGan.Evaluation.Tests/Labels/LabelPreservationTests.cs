using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Labels;

public class LabelPreservationTests
{
    [Fact]
    public void An_unchanged_set_moves_nothing()
    {
        var eyes = new RenderedEyes(20, seed: 1, EyeStyle.Clean);
        var result = LabelPreservation.Measure(eyes, eyes, new PupilDetector());
        Assert.Equal(20, result.Pairs);
        Assert.Equal(0, result.DetectionFailures);
        Assert.Equal(0.0, result.ShiftMeanPx, 1e-9);
        Assert.Equal(0.0, result.MeanAbsPixelChange, 1e-9);
    }

    [Fact]
    public void A_two_pixel_shift_is_reported_as_two_pixels()
    {
        var eyes = new RenderedEyes(20, seed: 1, EyeStyle.Clean);
        var result = LabelPreservation.Measure(eyes, TransformedImages.ShiftedRight(eyes, 2), new PupilDetector());
        Assert.Equal(2.0, result.ShiftMeanPx, 0.05);
        Assert.True(result.ShiftSdPx < 0.05, $"sd {result.ShiftSdPx}");
        Assert.True(result.MeanAbsPixelChange > 0.01);
    }

    [Fact]
    public void Mean_absolute_pixel_change_of_a_uniform_offset_is_the_offset()
    {
        var eyes = new RenderedEyes(5, seed: 1, EyeStyle.Clean);
        var brighter = new TransformedImages(eyes, (image, output) =>
        {
            for (int p = 0; p < image.Length; p++) output[p] = image[p] + 0.1f;
        });
        var result = LabelPreservation.Measure(eyes, brighter, new PupilDetector());
        Assert.Equal(0.1, result.MeanAbsPixelChange, 1e-5);
        Assert.True(result.ShiftMeanPx < 1e-3);
    }

    [Fact]
    public void Sample_sd_of_known_shifts()
    {
        var result = new LabelPreservationResult([1.0, 2.0, 3.0], 0, 3, 0);
        Assert.Equal(2.0, result.ShiftMeanPx, 1e-9);
        Assert.Equal(1.0, result.ShiftSdPx, 1e-9);
    }
}
