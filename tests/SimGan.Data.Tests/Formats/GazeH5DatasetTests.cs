using PureHDF;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;

namespace SimGan.Data.Tests.Formats;

public class GazeH5DatasetTests
{
    static readonly ImageShape Eye = new(1, 35, 55);

    static void WriteGazeFile(string path, bool withLookVectors)
    {
        var images = new H5Group();
        var looks = new H5Group();
        for (int i = 0; i < 3; i++)
        {
            var pixels = new byte[35, 55];
            for (int row = 0; row < 35; row++)
            for (int col = 0; col < 55; col++)
                pixels[row, col] = (byte)(i * 50 + col);
            images[i.ToString()] = pixels;
            // UnityEyes frame: y up, z towards the camera. Looking slightly up.
            looks[i.ToString()] = new double[] { 0, Math.Sin(0.1), Math.Cos(0.1) };
        }
        var file = new H5File { ["image"] = images };
        if (withLookVectors) file["look_vec"] = looks;
        file.Write(path);
    }

    [Fact]
    public void Reads_images_and_look_vectors_in_numeric_order()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("gaze.h5");
        WriteGazeFile(path, withLookVectors: true);
        using var dataset = new GazeH5Dataset(path, Eye, "h5:" + path);
        Assert.Equal(3, dataset.Count);
        var pixels = new float[Eye.Pixels];
        dataset.ReadImage(2, pixels);
        Assert.Equal(100 / 255f, pixels[0], 1e-5f);
        Assert.Equal(154 / 255f, pixels[54], 1e-5f);
        var labels = dataset.Labels(1)!;
        Assert.Equal(0.1, labels["gaze_pitch"]!.GetValue<double>(), 1e-5);
        Assert.Equal(0.0, labels["gaze_yaw"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public void Real_files_have_no_labels()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("real_gaze.h5");
        WriteGazeFile(path, withLookVectors: false);
        var dataset = DatasetSpec.Open("h5:" + path);
        Assert.Null(dataset.Labels(0));
    }

    [Fact]
    public void Garbage_and_truncated_files_are_one_line_dataset_errors()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("gaze.h5");
        WriteGazeFile(path, withLookVectors: true);
        byte[] good = File.ReadAllBytes(path);
        var random = new Random(3);
        for (int trial = 0; trial < 40; trial++)
        {
            byte[] bad = trial % 2 == 0 ? good[..random.Next(0, good.Length)] : Garble(good, random);
            File.WriteAllBytes(path, bad);
            try
            {
                using var dataset = new GazeH5Dataset(path, Eye, "h5:" + path);
                for (int i = 0; i < dataset.Count; i++)
                {
                    try { dataset.ReadImage(i, new float[Eye.Pixels]); dataset.Labels(i); }
                    catch (BadSampleException) { }
                }
            }
            catch (DatasetException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }

    static byte[] Garble(byte[] good, Random random)
    {
        var copy = (byte[])good.Clone();
        for (int k = 0; k < 8; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }
}
