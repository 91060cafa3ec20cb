using SimGan.Data.Datasets;
using SimGan.Data.Hands;

namespace SimGan.Data.Tests.Hands;

public class HandDatasetTests
{
    static float[] Image(HandDataset set, long index)
    {
        var pixels = new float[set.Shape.Pixels];
        set.ReadImage(index, pixels);
        return pixels;
    }

    [Theory]
    [InlineData("hands-synthetic")]
    [InlineData("hands-real")]
    public void The_same_seed_and_index_give_the_same_image_and_labels_and_others_differ(string name)
    {
        var a = (HandDataset)DatasetSpec.Open($"{name}:10?seed=4");
        var b = (HandDataset)DatasetSpec.Open($"{name}:10?seed=4");
        Assert.Equal(Image(a, 3), Image(b, 3));
        Assert.Equal(a.Labels(3)!.ToJsonString(), b.Labels(3)!.ToJsonString());
        Assert.NotEqual(Image(a, 3), Image(a, 4));
        Assert.NotEqual(Image(a, 3), Image((HandDataset)DatasetSpec.Open($"{name}:10?seed=5"), 3));
        Assert.Equal(new SimGan.Core.Images.ImageShape(1, 64, 64), a.Shape);
    }

    [Fact]
    public void Pixels_are_nyu_normalised_depth_with_a_hand_on_a_zero_background()
    {
        var set = new HandDataset(HandDomain.Synthetic, 50, 1);
        for (long i = 0; i < 50; i++)
        {
            var pixels = Image(set, i);
            Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));
            double foreground = pixels.Count(p => p > 0) / (double)pixels.Length;
            Assert.InRange(foreground, 0.08, 0.9);
            // Foreground is (2000 − depth) / 2000 with the hand at 0.5–1 m: values between 0.5 and 0.75.
            Assert.All(pixels.Where(p => p > 0), p => Assert.InRange(p, 0.45f, 0.8f));
        }
    }

    [Fact]
    public void Every_joint_is_in_the_crop_and_synthetic_depth_has_a_surface_at_it_a_little_in_front()
    {
        var set = new HandDataset(HandDomain.Synthetic, 100, 2);
        int joints = 0, onSurface = 0, visibleNearBone = 0;
        for (long i = 0; i < 100; i++)
        {
            var pose = set.Pose(i);
            var depth = new float[set.Shape.Pixels];
            HandDepthRenderer.Render(pose, 64, 64, depth);
            foreach (var (u, v, d) in set.JointsInImage(pose))
            {
                joints++;
                Assert.InRange(u, -0.5, 63.5);
                Assert.InRange(v, -0.5, 63.5);
                float z = depth[(int)Math.Clamp(Math.Round(v), 0, 63) * 64 + (int)Math.Clamp(Math.Round(u), 0, 63)];
                if (z > 0) onSurface++;
                // A joint lies inside its finger: the surface seen there is in front of it by about the finger's radius.
                if (z > 0 && d - z is > 0 and < 30) visibleNearBone++;
            }
        }
        Assert.True(onSurface >= 0.99 * joints, $"{onSurface} of {joints} joints have a surface at their pixel");
        Assert.True(visibleNearBone >= 0.7 * joints, $"{visibleNearBone} of {joints} joints are seen 0–30 mm in front of their bone");
    }

    [Fact]
    public void Labels_are_the_fourteen_joints_in_pixels_and_millimetres()
    {
        var labels = new HandDataset(HandDomain.Real, 1, 3).Labels(0)!["joint_uvd"]!.AsArray();
        Assert.Equal(HandJoints.Count, labels.Count);
        Assert.All(labels, j => Assert.InRange((double)j![2]!, 450, 1100));
    }

    [Fact]
    public void Through_the_camera_a_synthetic_image_keeps_its_hand_and_gains_the_cameras_artefacts()
    {
        var synthetic = new HandDataset(HandDomain.Synthetic, 20, 6);
        var camera = synthetic.ThroughCamera();
        var real = new HandDataset(HandDomain.Real, 20, 6);
        static double Overlap(float[] a, float[] b) =>
            a.Zip(b).Count(p => p.First > 0 && p.Second > 0) / (double)Math.Max(1, a.Zip(b).Count(p => p.First > 0 || p.Second > 0));
        double same = 0, other = 0;
        for (long i = 0; i < 20; i++)
        {
            var clean = Image(synthetic, i);
            var seen = new float[clean.Length];
            camera.ReadImage(i, seen);
            var again = new float[clean.Length];
            camera.ReadImage(i, again);
            Assert.Equal(seen, again);
            Assert.NotEqual(clean, seen);
            // What a depth camera adds: pixels of the hand with no depth.
            Assert.Contains(clean.Zip(seen), p => p.First > 0 && p.Second == 0);
            same += Overlap(clean, seen) / 20;
            other += Overlap(clean, Image(real, i)) / 20;
        }
        // The same hand: its silhouette overlaps the clean one's far more than another hand's does.
        Assert.True(same > other + 0.15, $"silhouette overlap with the same hand {same:F2}, with another {other:F2}");
    }

    [Fact]
    public void A_bad_hand_spec_is_one_line()
    {
        var ex = Assert.Throws<DatasetException>(() => DatasetSpec.Open("hands-real:0"));
        Assert.Contains("positive", ex.Message);
        ex = Assert.Throws<DatasetException>(() => DatasetSpec.Open("hands-synthetic", new DatasetOptions(Height: 64, Width: 32)));
        Assert.Contains("square", ex.Message);
    }
}
