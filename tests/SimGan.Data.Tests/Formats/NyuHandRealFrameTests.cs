using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;
using SimGan.Data.Formats.Mat;
using SimGan.Data.Imaging;
using SkiaSharp;

namespace SimGan.Data.Tests.Formats;

/// <summary>
/// NYU's test frame 1 and the real MATLAB file of its joints, beside the clone in ../shared/data/nyu-hand-frame1 (see
/// its README; never copied into the repository).
/// </summary>
public class NyuHandRealFrameTests
{
    static readonly ImageShape Crop = new(1, 128, 128);

    static string Frame1()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SimGanCluster.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("SimGanCluster.sln");
        string path = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "nyu-hand-frame1"));
        Assert.True(Directory.Exists(path), $"{path} is missing: the shared data must sit beside the clone");
        return path;
    }

    static double[][] JointsOfFrame1() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Frame1(), "frame1-joints.json")))!["joints_uvd"]!.AsArray()
            .Select(j => j!.AsArray().Select(c => (double)c!).ToArray()).ToArray();

    [Fact]
    public void The_mat_reader_reads_the_real_compressed_keypoints_file()
    {
        var keypoints = Assert.IsType<MatNumeric>(MatFile.Read(Path.Combine(Frame1(), "nyu_keypointsUVD_test.mat"))["keypoints3D"]);
        Assert.Equal([8252, 14, 3], keypoints.Dimensions);
        var expected = JointsOfFrame1();
        for (int j = 0; j < 14; j++)
        for (int c = 0; c < 3; c++)
            Assert.Equal(expected[j][c], keypoints[0 + 8252L * (j + 14L * c)], 1e-3); // column-major [frame][joint][coordinate]
    }

    [Fact]
    public void The_real_frame_decodes_to_a_hand_at_arms_length_and_every_joint_lies_on_it()
    {
        var image = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(Frame1(), "depth_1_0000001.png")));
        Assert.Equal((640, 480), (image.Width, image.Height));
        int Depth(int u, int v) => (image.Rgb[3 * (v * image.Width + u) + 1] << 8) | image.Rgb[3 * (v * image.Width + u) + 2];
        var measured = Enumerable.Range(0, image.Width * image.Height).Select(i => Depth(i % image.Width, i / image.Width)).Where(d => d > 0).ToArray();
        Assert.InRange(measured.Min(), 300, 1000);   // a Kinect sees nothing nearer than about half a metre
        Assert.InRange(measured.Max(), 1000, 10000);
        foreach (var joint in JointsOfFrame1())
        {
            // The depth camera's value at the joint, or the nearest valid one within 3 px (joints sit on silhouettes).
            int u = (int)Math.Round(joint[0]), v = (int)Math.Round(joint[1]);
            var around = from dv in Enumerable.Range(-3, 7) from du in Enumerable.Range(-3, 7)
                         let d = Depth(u + du, v + dv) where d > 0 select Math.Abs(d - joint[2]);
            Assert.True(around.Min() < 40, $"joint at ({joint[0]:F0}, {joint[1]:F0}) {joint[2]:F0} mm: nearest measured depth is {around.Min():F0} mm away");
        }
    }

    [Fact]
    public void Nyu_hand_opens_the_real_frame_with_its_keypoints_file_and_the_joints_land_on_the_hand()
    {
        var set = DatasetSpec.Open($"nyu-hand:{Frame1()}", new DatasetOptions { Channels = 1, Height = Crop.Height, Width = Crop.Width });
        Assert.Equal(1, set.Count);
        Assert.Equal("depth_1_0000001.png", set.SampleName(0));
        var pixels = new float[Crop.Pixels];
        set.ReadImage(0, pixels);
        var joints = set.Labels(0)!["joint_uvd"]!.AsArray();
        Assert.Equal(14, joints.Count);
        foreach (var joint in joints)
        {
            double u = (double)joint![0]!, v = (double)joint[1]!;
            Assert.InRange(u, 0, Crop.Width - 1);
            Assert.InRange(v, 0, Crop.Height - 1);
            // Foreground (the hand, nearer is brighter) at or within 2 px of every joint.
            bool onHand = Enumerable.Range(-2, 5).SelectMany(dv => Enumerable.Range(-2, 5).Select(du => (X: (int)u + du, Y: (int)v + dv)))
                .Any(p => p.X >= 0 && p.Y >= 0 && p.X < Crop.Width && p.Y < Crop.Height && pixels[p.Y * Crop.Width + p.X] > 0);
            Assert.True(onHand, $"joint at ({u:F1}, {v:F1}) of the crop is on the background");
        }
        double foreground = pixels.Count(p => p > 0) / (double)pixels.Length;
        Assert.InRange(foreground, 0.1, 0.9); // a hand, not an empty crop nor a wall
    }

    [Fact]
    public void A_png_that_is_not_nyu_packed_depth_is_refused_with_one_line()
    {
        string folder = Directory.CreateTempSubdirectory("simgan-nyu-").FullName;
        File.Copy(Path.Combine(Frame1(), "nyu_keypointsUVD_test.mat"), Path.Combine(folder, "nyu_keypointsUVD_test.mat"));
        using (var bitmap = new SKBitmap(640, 480))
        {
            bitmap.Erase(new SKColor(120, 120, 120)); // a grey image, as a depth map saved as an ordinary picture looks
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, "depth_1_0000001.png"), data.ToArray());
        }
        var set = new NyuHandDataset(folder, Crop, $"nyu-hand:{folder}");
        var ex = Assert.Throws<BadSampleException>(() => set.ReadImage(0, new float[Crop.Pixels]));
        Assert.Contains("not an NYU depth image", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Directory.Delete(folder, recursive: true);
    }
}
