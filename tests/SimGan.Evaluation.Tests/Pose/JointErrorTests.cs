using SimGan.Evaluation.Pose;

namespace SimGan.Evaluation.Tests.Pose;

public class JointErrorTests
{
    [Fact]
    public void Distances_are_euclidean_per_joint()
    {
        Assert.Equal([5.0, 0.0], JointError.Distances([3, 4, 7, 7], [0, 0, 7, 7]));
        Assert.Throws<ArgumentException>(() => JointError.Distances([1, 2], [1, 2, 3, 4]));
    }

    [Fact]
    public void The_curve_counts_joints_within_each_whole_pixel_distance()
    {
        // By hand: 0 ≤ 0; 1.5 ≤ 2; 5 ≤ 5; 20.5 never within 20.
        var curve = JointError.WithinCurve([0, 1.5, 5, 20.5]);
        Assert.Equal(JointError.MaxDistance + 1, curve.Length);
        Assert.Equal(0.25, curve[0], 1e-12);
        Assert.Equal(0.25, curve[1], 1e-12);
        Assert.Equal(0.5, curve[2], 1e-12);
        Assert.Equal(0.5, curve[4], 1e-12);
        Assert.Equal(0.75, curve[5], 1e-12);
        Assert.Equal(0.75, curve[20], 1e-12);
        var result = new PoseTestResult([0, 1.5, 5, 20.5], Images: 1);
        Assert.Equal(0.75, result.WithinPx(5), 1e-12);
        Assert.Equal(27.0 / 4, result.MeanErrorPx, 1e-12);
    }
}
