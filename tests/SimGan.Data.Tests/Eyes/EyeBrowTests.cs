using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

public class EyeBrowTests
{
    const int Height = 35, Width = 55;

    [Fact]
    public void Every_domain_shows_an_eyebrow_in_about_three_images_in_ten()
    {
        // Part of the scene, not of the camera: a refiner cannot invent a brow for a random three in ten of its inputs,
        // so the simulator must draw one as often as the camera sees one.
        const int draws = 4000;
        double Share(Func<long, EyeBrow> brow) => Enumerable.Range(0, draws).Count(i => brow(i).IsPresent) / (double)draws;
        double synthetic = Share(i =>
        {
            var random = SampleRandom.For(5, EyeDomainNames.Synthetic, i);
            EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(EyeDomain.Synthetic));
            return SyntheticLook.Sample(ref random, Height).Brow;
        });
        double camera = Share(i =>
        {
            var random = SampleRandom.For(5, EyeDomainNames.Real, i);
            EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(EyeDomain.Real));
            return CameraLook.Sample(ref random, Height).Brow;
        });
        double rendered = Share(i =>
        {
            var random = SampleRandom.For(5, EyeDomainNames.Rendered, i);
            EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(EyeDomain.Rendered));
            return RenderedLook.Sample(ref random, Height).Brow;
        });
        // Standard error of a share near 0.3 over 4000 draws: 0.007.
        Assert.InRange(synthetic, EyeBrow.Probability - 0.025, EyeBrow.Probability + 0.025);
        Assert.InRange(camera, EyeBrow.Probability - 0.025, EyeBrow.Probability + 0.025);
        Assert.InRange(rendered, EyeBrow.Probability - 0.025, EyeBrow.Probability + 0.025);
    }

    [Fact]
    public void The_simulator_draws_its_eyebrow_as_a_flat_band_over_the_skin_above_the_brow_line()
    {
        var random = SampleRandom.For(3, "brow-test", 0);
        var eye = EyeGeometry.Sample(ref random, Height, Width, EyeProportions.Default);
        var look = SyntheticLook.Sample(ref random, Height) with { Brow = new EyeBrow(0.4f, 5f) };
        var withBrow = new float[Height * Width];
        var without = new float[Height * Width];
        SyntheticEyeRenderer.Render(eye, look, withBrow);
        SyntheticEyeRenderer.Render(eye, look with { Brow = EyeBrow.None }, without);
        int darkened = 0;
        for (int row = 0; row < Height; row++)
        for (int col = 0; col < Width; col++)
        {
            float x = col + 0.5f, y = row + 0.5f;
            int i = row * Width + col;
            bool inBrow = eye.Probe(x, y).Region == EyeRegion.Skin && look.Brow.DistanceBelow(eye, x, y) < 0;
            // The grain is added after shading, so the two renderings differ by exactly 0.4 × the shaded skin.
            if (!inBrow) Assert.Equal(without[i], withBrow[i]);
            else if (without[i] is > 0.05f and < 0.95f)
            {
                Assert.True(withBrow[i] < without[i] - 0.1f, $"({col}, {row}): {withBrow[i]:F3} vs {without[i]:F3}");
                darkened++;
            }
        }
        Assert.True(darkened > 2 * Width, $"only {darkened} pixels in the brow band");
    }
}
