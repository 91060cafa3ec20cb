using SimGan.Evaluation.Gaze;

namespace SimGan.Evaluation.Tests.Gaze;

public class AngularErrorTests
{
    [Fact]
    public void Known_angles_between_vectors()
    {
        Assert.Equal(0.0, AngularError.Degrees([0, 0, -1], [0, 0, -1]), 1e-6);
        Assert.Equal(90.0, AngularError.Degrees([1, 0, 0], [0, 1, 0]), 1e-6);
        Assert.Equal(180.0, AngularError.Degrees([0, 0, 1], [0, 0, -1]), 1e-6);
        Assert.Equal(45.0, AngularError.Degrees([1, 1, 0], [1, 0, 0]), 1e-6);
    }

    [Fact]
    public void Length_of_the_prediction_does_not_matter()
    {
        float angle = 10f * MathF.PI / 180f;
        Assert.Equal(10.0, AngularError.Degrees([0, 5 * MathF.Sin(angle), -5 * MathF.Cos(angle)], [0, 0, -1]), 1e-4);
    }

    [Fact]
    public void Cumulative_curve_counts_errors_at_or_below_each_degree()
    {
        var result = new GazeTestResult([0.5, 3.0, 7.0, 7.5, 30.0]);
        double[] curve = result.Cumulative();
        Assert.Equal(26, curve.Length);
        Assert.Equal(0.0, curve[0]);
        Assert.Equal(0.2, curve[1], 1e-9);
        Assert.Equal(0.6, curve[7], 1e-9);
        Assert.Equal(0.8, curve[8], 1e-9);
        Assert.Equal(0.8, curve[25], 1e-9);
        Assert.Equal(0.6, result.WithinDeg(7), 1e-9);
        Assert.Equal(9.6, result.MeanErrorDeg, 1e-9);
    }
}
