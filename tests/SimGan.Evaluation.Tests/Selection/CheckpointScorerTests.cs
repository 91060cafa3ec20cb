using SimGan.Core.Images;
using SimGan.Evaluation.Selection;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Selection;

public class CheckpointScorerTests
{
    [Fact]
    public void A_refiner_that_returns_its_input_moves_no_pupil_and_scores_the_synthetic_sets_own_distance()
    {
        var synthetic = new RenderedEyes(60, 1, EyeStyle.Clean);
        var real = new RenderedEyes(40, 2, EyeStyle.Clean with { Noise = 0.08f, Skin = 0.5f });
        using var scorer = new CheckpointScorer(synthetic, 60, real);
        var score = scorer.Score(300, (pixels, _, _) => pixels);
        Assert.Equal(300, score.Step);
        Assert.Equal(0, score.PupilShiftPx, 1e-9);
        Assert.Equal(0, score.DetectionFailures);
        Assert.Equal(score.Realism, scorer.Realism(scorer.Validation, scorer.ValidationCount), 1e-9);
    }

    [Fact]
    public void Images_from_the_real_distribution_score_near_zero_and_far_below_the_synthetic_ones()
    {
        var style = EyeStyle.Clean with { Noise = 0.08f, Skin = 0.5f };
        var synthetic = new RenderedEyes(80, 1, EyeStyle.Clean);
        var real = new RenderedEyes(40, 2, style);
        using var scorer = new CheckpointScorer(synthetic, 80, real);
        var moreReal = new RenderedEyes(80, 3, style);
        var pixels = new float[80 * moreReal.Shape.Pixels];
        for (int i = 0; i < 80; i++) moreReal.ReadImage(i, pixels.AsSpan(i * moreReal.Shape.Pixels, moreReal.Shape.Pixels));
        double realistic = scorer.Realism(pixels, 80), synthetic_ = scorer.Realism(scorer.Validation, 80);
        Assert.InRange(realistic, -3, 3);
        Assert.True(synthetic_ > 10 * Math.Max(1, realistic), $"synthetic {synthetic_}, real-like {realistic}");
    }

    [Fact]
    public void A_refiner_that_moves_the_eye_is_charged_the_shift()
    {
        var synthetic = new RenderedEyes(30, 1, EyeStyle.Clean);
        using var scorer = new CheckpointScorer(synthetic, 30, new RenderedEyes(20, 2, EyeStyle.Clean));
        ImageShape shape = synthetic.Shape;
        var score = scorer.Score(0, (pixels, count, _) =>
        {
            // Everything three pixels to the right.
            var moved = new float[pixels.Length];
            for (int i = 0; i < count; i++)
            for (int y = 0; y < shape.Height; y++)
            for (int x = 0; x < shape.Width; x++)
                moved[i * shape.Pixels + y * shape.Width + x] = pixels[i * shape.Pixels + y * shape.Width + Math.Max(0, x - 3)];
            return moved;
        });
        Assert.InRange(score.PupilShiftPx, 2.5, 3.5);
    }

    [Fact]
    public void With_a_baseline_the_pupils_before_refinement_are_found_in_it()
    {
        // A fixed output stage (here: a shift by 3 px, standing in for equalisation) applied to the baseline and by
        // the refiner costs nothing; only what the refiner adds beyond it is charged.
        var synthetic = new RenderedEyes(30, 1, EyeStyle.Clean);
        var shifted = TransformedImages.ShiftedRight(synthetic, 3);
        using var scorer = new CheckpointScorer(synthetic, 30, new RenderedEyes(20, 2, EyeStyle.Clean), baseline: shifted);
        var score = scorer.Score(0, (pixels, count, shape) =>
        {
            var moved = new float[pixels.Length];
            for (int i = 0; i < count; i++)
            for (int y = 0; y < shape.Height; y++)
            for (int x = 0; x < shape.Width; x++)
                moved[i * shape.Pixels + y * shape.Width + x] = pixels[i * shape.Pixels + y * shape.Width + Math.Max(0, x - 3)];
            return moved;
        });
        Assert.InRange(score.PupilShiftPx, 0, 0.01);
    }

    [Fact]
    public void Sets_of_different_shapes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CheckpointScorer(new RenderedEyes(10, 1, EyeStyle.Clean), 10, new RenderedEyes(10, 2, EyeStyle.Clean, height: 36, width: 60)));
        Assert.Contains("held-out real images", error.Message);
    }
}
