using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

/// <summary>
/// What each domain's eyes are drawn from: every geometry within its proportions' ranges, and eyes-rendered's
/// proportions those of MPIIGaze's webcam patches (docs/data.md), which a refiner could not otherwise reach.
/// </summary>
public class EyeProportionsTests
{
    const int Height = 35, Width = 55, Draws = 4000;
    const float Degrees = MathF.PI / 180f;

    static EyeGeometry[] Draw(EyeProportions proportions, int height = Height, int width = Width) =>
        Enumerable.Range(0, Draws).Select(i =>
        {
            var random = SampleRandom.For(3, "proportions", i);
            return EyeGeometry.Sample(ref random, height, width, proportions);
        }).ToArray();

    static void AssertWithin(UniformRange range, double value, string what)
    {
        // Ranges are drawn in doubles and applied in floats: allow the float's rounding.
        const double slack = 1e-5;
        Assert.True(value >= range.Low - slack && value <= range.High + slack, $"{what} {value} outside {range}");
    }

    public static TheoryData<string> Named => new() { nameof(EyeProportions.Default), nameof(EyeProportions.Photographic) };

    static EyeProportions ByName(string name) =>
        name == nameof(EyeProportions.Default) ? EyeProportions.Default : EyeProportions.Photographic;

    [Theory]
    [MemberData(nameof(Named))]
    public void Every_drawn_geometry_lies_within_its_proportions_at_either_patch_size(string name)
    {
        var p = ByName(name);
        foreach (var (height, width) in new[] { (35, 55), (36, 60) })
        foreach (var eye in Draw(p, height, width))
        {
            AssertWithin(p.YawDegrees, eye.Yaw / Degrees, "yaw");
            AssertWithin(p.PitchDegrees, eye.Pitch / Degrees, "pitch");
            AssertWithin(p.HalfOpeningWidth, eye.HalfOpeningWidth / width, "half opening");
            AssertWithin(p.EyeballRadius, eye.EyeballRadius / eye.HalfOpeningWidth, "eyeball");
            AssertWithin(p.IrisRadius, eye.IrisRadius / eye.EyeballRadius, "iris");
            AssertWithin(p.PupilRadius, eye.PupilRadius / eye.IrisRadius, "pupil");
            AssertWithin(p.CentreX, eye.CentreX / width - 0.5, "centre x");
            AssertWithin(p.CentreY, eye.CentreY / height - 0.5, "centre y");
            AssertWithin(p.UpperLidSkew, eye.UpperLidSkew, "skew");
            Assert.True(eye.UpperLidHeight >= EyeGeometry.MinLidHeight && eye.LowerLidHeight >= EyeGeometry.MinLidHeight);
        }
    }

    [Fact]
    public void Photographic_gaze_stays_near_the_camera_and_mostly_below_it()
    {
        // MPIIGaze: yaw within about ±20°, pitch mostly from −20° to +5° (the screen is below the webcam).
        var eyes = Draw(EyeProportions.Photographic);
        Assert.All(eyes, e => Assert.InRange(e.Yaw / Degrees, -20.001, 20.001));
        Assert.All(eyes, e => Assert.InRange(e.Pitch / Degrees, -20.001, 5.001));
        Assert.True(eyes.Count(e => e.Pitch < 0) > 0.75 * Draws);
        // The simulator's own range is twice as wide and symmetric.
        Assert.Contains(Draw(EyeProportions.Default), e => Math.Abs(e.Yaw) > 30 * Degrees);
    }

    [Fact]
    public void Photographic_irises_are_about_a_third_of_the_patch_wide_and_larger_than_the_simulators()
    {
        // In the photographs the iris is roughly 18–22 px across a 55-px patch.
        var photographic = Draw(EyeProportions.Photographic).Select(e => 2 * e.IrisRadius).ToArray();
        var simulator = Draw(EyeProportions.Default).Select(e => 2 * e.IrisRadius).ToArray();
        Assert.All(photographic, d => Assert.InRange(d, 14f, 23f));
        Assert.InRange(photographic.Average(), 17.0, 20.0);
        Assert.True(photographic.Average() > simulator.Average() + 2, $"{photographic.Average():F1} vs {simulator.Average():F1} px");
    }

    [Fact]
    public void Photographic_upper_lids_usually_cover_the_top_of_the_iris()
    {
        // The lid margin above the iris's highest point lies below it (measured at the time of writing: 85 % of
        // photographic eyes, 59 % of the simulator's).
        static double Covered(EyeGeometry[] eyes) => eyes.Count(e =>
        {
            var contour = e.IrisContour(64);
            var (x, top) = contour.MinBy(p => p.Y);
            return e.UpperLidY(x) > top;
        }) / (double)eyes.Length;
        double photographic = Covered(Draw(EyeProportions.Photographic)), simulator = Covered(Draw(EyeProportions.Default));
        Assert.True(photographic > 0.75, $"the upper lid covers the iris's top in {photographic:P0} of eyes");
        Assert.True(photographic > simulator + 0.15, $"photographic {photographic:P0}, simulator {simulator:P0}");
    }

    [Fact]
    public void Each_built_in_domain_draws_its_eyes_from_its_own_proportions()
    {
        Assert.Same(EyeProportions.Default, EyeProportions.For(EyeDomain.Synthetic));
        Assert.Same(EyeProportions.Default, EyeProportions.For(EyeDomain.Real));
        Assert.Same(EyeProportions.Photographic, EyeProportions.For(EyeDomain.Rendered));
        foreach (var domain in Enum.GetValues<EyeDomain>())
        {
            var dataset = new EyeDataset(domain, null, 9);
            for (int i = 0; i < 20; i++)
            {
                var random = SampleRandom.For(9, domain.Name(), i);
                var expected = EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(domain));
                Assert.Equal(EyeLabels.For(expected).ToJsonString(), dataset.Labels(i)!.ToJsonString());
            }
        }
    }
}
