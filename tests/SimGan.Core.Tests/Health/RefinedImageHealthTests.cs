using SimGan.Core.Health;
using SimGan.Core.Images;

namespace SimGan.Core.Tests.Health;

public class RefinedImageHealthTests
{
    static readonly ImageShape Shape = new(1, 20, 30);

    /// <summary>Eight different "eyes": a dark disc at a different place on a gradient each.</summary>
    static float[] Eyes(int count = 8)
    {
        var pixels = new float[count * Shape.Pixels];
        for (int i = 0; i < count; i++)
        for (int y = 0; y < Shape.Height; y++)
        for (int x = 0; x < Shape.Width; x++)
        {
            double cx = 6 + 2.5 * i, cy = 6 + i % 3 * 4;
            bool pupil = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 16;
            pixels[i * Shape.Pixels + y * Shape.Width + x] = pupil ? 0.05f : 0.4f + 0.015f * x + 0.01f * (i % 4);
        }
        return pixels;
    }

    static readonly HealthThresholds Thresholds = new();

    [Fact]
    public void A_refiner_that_keeps_its_input_is_healthy_with_every_ratio_at_one()
    {
        var eyes = Eyes();
        var health = RefinedImageHealth.Measure(eyes, eyes, 8, Shape);
        Assert.Equal(1, health.ContrastRatio, 1e-6);
        Assert.Equal(1, health.DiversityRatio, 1e-6);
        Assert.Equal(1, health.StructureCorrelation, 1e-6);
        Assert.Equal(HealthProblem.None, Thresholds.Judge(health));
    }

    [Fact]
    public void All_black_output_is_flat()
    {
        var health = RefinedImageHealth.Measure(Eyes(), new float[8 * Shape.Pixels], 8, Shape);
        Assert.Equal(0, health.ContrastRatio);
        Assert.Equal(HealthProblem.Flat, Thresholds.Judge(health));
    }

    [Fact]
    public void One_image_for_every_input_is_all_alike()
    {
        var eyes = Eyes();
        var same = new float[eyes.Length];
        for (int i = 0; i < 8; i++) eyes.AsSpan(0, Shape.Pixels).CopyTo(same.AsSpan(i * Shape.Pixels));
        var health = RefinedImageHealth.Measure(eyes, same, 8, Shape);
        Assert.True(health.ContrastRatio > 0.5, "each image keeps its contrast");
        Assert.Equal(0, health.DiversityRatio, 1e-6);
        Assert.Equal(HealthProblem.AllAlike, Thresholds.Judge(health));
    }

    [Fact]
    public void Images_of_other_eyes_have_lost_the_inputs_structure()
    {
        // Varied, contrasty images that are not the inputs' eyes: what a refiner that paints its own pictures makes.
        var eyes = Eyes();
        var others = new float[eyes.Length];
        for (int i = 0; i < 8; i++)
        for (int y = 0; y < Shape.Height; y++)
        for (int x = 0; x < Shape.Width; x++)
            others[i * Shape.Pixels + y * Shape.Width + x] = 0.5f + 0.4f * MathF.Sin(0.9f * y + 0.3f * i) * MathF.Cos(0.2f * x * (1 + i % 3));
        var health = RefinedImageHealth.Measure(eyes, others, 8, Shape);
        Assert.True(health.ContrastRatio > 0.5 && health.DiversityRatio > 0.5, health.ToString());
        Assert.Equal(HealthProblem.StructureLost, Thresholds.Judge(health));
    }

    [Fact]
    public void A_NaN_pixel_is_not_finite()
    {
        var eyes = Eyes();
        var broken = (float[])eyes.Clone();
        broken[123] = float.NaN;
        var health = RefinedImageHealth.Measure(eyes, broken, 8, Shape);
        Assert.False(health.Finite);
        Assert.Equal(HealthProblem.NotFinite, Thresholds.Judge(health));
    }

    [Fact]
    public void Added_texture_and_a_tone_change_stay_healthy()
    {
        // What a working refiner does: keep the eye, change tones, add fine noise.
        var eyes = Eyes();
        var refined = new float[eyes.Length];
        var random = new Random(4);
        for (int p = 0; p < eyes.Length; p++) refined[p] = Math.Clamp(0.8f * eyes[p] + 0.1f + 0.05f * (float)(random.NextDouble() - 0.5), 0, 1);
        Assert.Equal(HealthProblem.None, Thresholds.Judge(RefinedImageHealth.Measure(eyes, refined, 8, Shape)));
    }
}
