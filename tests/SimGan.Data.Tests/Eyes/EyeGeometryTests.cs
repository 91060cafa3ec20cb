using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

public class EyeGeometryTests
{
    static EyeGeometry Straight(float pitchDegrees = 0, float yawDegrees = 0) => new(
        height: 35, width: 55, pitch: pitchDegrees * MathF.PI / 180, yaw: yawDegrees * MathF.PI / 180,
        centreX: 27.5f, centreY: 17.5f, eyeballRadius: 16, irisRadius: 7, pupilRadius: 3,
        halfOpeningWidth: 20, cornerOffsetY: 0, cornerTilt: 0, upperLidHeight: 8, lowerLidHeight: 6, upperLidSkew: 0);

    [Fact]
    public void Looking_straight_puts_the_pupil_at_the_eyeball_centre()
    {
        var eye = Straight();
        Assert.Equal((27.5f, 17.5f), eye.PupilCentre);
        Assert.Equal(EyeRegion.Pupil, eye.Probe(27.5f, 17.5f).Region);
        Assert.Equal(EyeRegion.Iris, eye.Probe(27.5f + 5, 17.5f).Region);
        Assert.Equal(EyeRegion.Sclera, eye.Probe(27.5f + 10, 17.5f).Region);
    }

    [Fact]
    public void Positive_yaw_moves_the_pupil_left_and_positive_pitch_moves_it_up()
    {
        Assert.True(Straight(yawDegrees: 30).PupilCentre.X < 27.5f - 5);
        Assert.True(Straight(pitchDegrees: 20).PupilCentre.Y < 17.5f - 3);
        var eye = Straight(yawDegrees: 30);
        Assert.Equal(EyeRegion.Pupil, eye.Probe(eye.PupilCentre.X, eye.PupilCentre.Y).Region);
    }

    [Fact]
    public void Lids_hide_the_eyeball_outside_the_opening()
    {
        var eye = Straight(pitchDegrees: 40);
        var pupil = eye.PupilCentre;
        // Rotated far up, the pupil centre passes the upper lid margin (8 px above the corners) and is covered by skin.
        Assert.True(pupil.Y < 17.5f - 8);
        Assert.Equal(EyeRegion.Skin, eye.Probe(pupil.X, pupil.Y).Region);
        Assert.Equal(EyeRegion.Skin, eye.Probe(27.5f, 17.5f + 6.5f).Region);
        Assert.Equal(EyeRegion.Skin, eye.Probe(2f, 17.5f).Region);
    }

    [Fact]
    public void Rotation_foreshortens_the_iris_along_the_gaze_direction()
    {
        var contour = Straight(yawDegrees: 35).IrisContour(64);
        float width = contour.Max(p => p.X) - contour.Min(p => p.X);
        float height = contour.Max(p => p.Y) - contour.Min(p => p.Y);
        Assert.Equal(14f * MathF.Cos(35 * MathF.PI / 180), width, 0.2f);
        Assert.Equal(14f, height, 0.2f);
    }

    [Fact]
    public void The_interior_margin_runs_along_both_lids()
    {
        var eye = Straight();
        var margin = eye.InteriorMargin(8);
        Assert.Equal(16, margin.Length);
        Assert.Equal((7.5f, 17.5f), margin[0]);
        Assert.All(margin.Take(8).Skip(1), p => Assert.True(p.Y < 17.5f));
        Assert.All(margin.Skip(9), p => Assert.True(p.Y > 17.5f));
    }
}
