using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;
using SkiaSharp;

namespace SimGan.Data.Tests.Formats;

public class NyuHandDatasetTests
{
    static readonly ImageShape Small = new(1, 32, 32);

    /// <summary>
    /// A 64×48 depth image: a 20×20 "hand" at 800 mm centred on (32, 24), a wall at 2500 mm elsewhere; the joints span
    /// the hand square; two frames of one kinect.
    /// </summary>
    static void WriteSet(string directory)
    {
        using (var bitmap = new SKBitmap(64, 48))
        {
            for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++)
            {
                int depth = Math.Abs(x - 32) < 10 && Math.Abs(y - 24) < 10 ? 800 : 2500;
                bitmap.SetPixel(x, y, new SKColor(0, (byte)(depth >> 8), (byte)(depth & 0xFF)));
            }
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(directory, "depth_1_0000001.png"), data.ToArray());
            File.WriteAllBytes(Path.Combine(directory, "depth_1_0000002.png"), data.ToArray());
        }
        const int kinects = 1, frames = 2, joints = 36;
        var uvd = new double[kinects * frames * joints * 3];
        for (int f = 0; f < frames; f++)
        for (int j = 0; j < joints; j++)
        {
            double u = 22 + 20 * (j % 6) / 5.0, v = 14 + 20 * (j / 6) / 5.0;
            double[] coordinates = [u, v, 800];
            for (int c = 0; c < 3; c++) uvd[f * kinects + kinects * frames * (j + joints * c)] = coordinates[c];
        }
        File.WriteAllBytes(Path.Combine(directory, "joint_data.mat"), MatWriter.File(true,
            ("joint_uvd", new MatWriter.Doubles([kinects, frames, joints, 3], uvd)),
            ("joint_xyz", new MatWriter.Doubles([kinects, frames, joints, 3], uvd))));
    }

    [Fact]
    public void Crops_the_hand_and_maps_depth_with_background_zero()
    {
        using var temp = new TempDirectory();
        WriteSet(temp.Path);
        var dataset = new NyuHandDataset(temp.Path, Small, "nyu-hand:x");
        Assert.Equal(2, dataset.Count);
        Assert.Equal("depth_1_0000002.png", dataset.SampleName(1));
        var pixels = new float[Small.Pixels];
        dataset.ReadImage(0, pixels);
        Assert.Equal((2000 - 800) / 2000f, pixels[16 * 32 + 16], 1e-4f);
        Assert.Equal(0f, pixels[0]); // the wall at 2.5 m is background
        var labels = dataset.Labels(0)!;
        Assert.Equal(36, labels["joint_uvd"]!.AsArray().Count);
        Assert.Equal(36, labels["joint_xyz"]!.AsArray().Count);
    }

    [Fact]
    public void The_spec_defaults_to_224_pixels()
    {
        using var temp = new TempDirectory();
        WriteSet(temp.Path);
        Assert.Equal(new ImageShape(1, 224, 224), DatasetSpec.Open("nyu-hand:" + temp.Path).Shape);
    }

    [Fact]
    public void A_missing_joint_file_says_what_is_needed()
    {
        using var temp = new TempDirectory();
        Assert.Contains("joint_data.mat", Assert.Throws<DatasetException>(() => new NyuHandDataset(temp.Path, Small, "nyu-hand:x")).Message);
    }

    [Fact]
    public void A_corrupt_depth_image_is_a_bad_sample()
    {
        using var temp = new TempDirectory();
        WriteSet(temp.Path);
        File.WriteAllBytes(temp.Combine("depth_1_0000002.png"), [1, 2, 3]);
        var dataset = new NyuHandDataset(temp.Path, Small, "nyu-hand:x");
        Assert.EndsWith("depth_1_0000002.png", Assert.Throws<BadSampleException>(() => dataset.ReadImage(1, new float[Small.Pixels])).Sample);
    }
}
