using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;

namespace SimGan.Data.Tests.Formats;

public class MpiiGazeDatasetTests
{
    static readonly ImageShape Patch = new(1, 36, 60);

    /// <summary>A day file with n samples per eye: pixel value = column index (left) so mirroring is visible.</summary>
    static void WriteDay(string path, int n)
    {
        var image = new byte[n * 36 * 60];
        for (int s = 0; s < n; s++)
        for (int row = 0; row < 36; row++)
        for (int col = 0; col < 60; col++)
            image[s + n * (row + 36 * col)] = (byte)(col * 4);
        var gaze = new double[n * 3];
        for (int s = 0; s < n; s++)
        {
            // Yaw 0.2 rad, pitch 0.1 rad (up), towards the camera (z < 0).
            gaze[s] = -Math.Cos(0.1) * Math.Sin(0.2);
            gaze[s + n] = -Math.Sin(0.1);
            gaze[s + 2 * n] = -Math.Cos(0.1) * Math.Cos(0.2);
        }
        MatWriter.Value Eye() => new MatWriter.Struct(
            ("gaze", new MatWriter.Doubles([n, 3], gaze)),
            ("image", new MatWriter.Bytes([n, 36, 60], image)),
            ("pose", new MatWriter.Doubles([n, 3], new double[n * 3])));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MatWriter.File(true, ("data", new MatWriter.Struct(("left", Eye()), ("right", Eye())))));
    }

    [Fact]
    public void Reads_both_eyes_mirroring_the_right_one()
    {
        using var temp = new TempDirectory();
        WriteDay(temp.Combine("Data", "Normalized", "p00", "day01.mat"), 2);
        var dataset = new MpiiGazeDataset(temp.Path, Patch, evaluationSubset: false, "mpiigaze:x");
        Assert.Equal(4, dataset.Count);
        Assert.Equal("p00_day01_0001_left.png", dataset.SampleName(0));
        var left = new float[Patch.Pixels];
        var right = new float[Patch.Pixels];
        dataset.ReadImage(0, left);
        dataset.ReadImage(2, right);
        Assert.Equal(0f, left[0]);
        Assert.Equal(59 * 4 / 255f, right[0], 1e-5f);
        double leftYaw = dataset.Labels(0)!["gaze_yaw"]!.GetValue<double>();
        Assert.Equal(0.2, leftYaw, 1e-4);
        Assert.Equal(-0.2, dataset.Labels(2)!["gaze_yaw"]!.GetValue<double>(), 1e-4);
        Assert.Equal(0.1, dataset.Labels(0)!["gaze_pitch"]!.GetValue<double>(), 1e-4);
    }

    [Fact]
    public void The_evaluation_subset_keeps_only_listed_samples()
    {
        using var temp = new TempDirectory();
        WriteDay(temp.Combine("Data", "Normalized", "p01", "day02.mat"), 3);
        string list = temp.Combine("Evaluation Subset", "sample list for eye image", "p01.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);
        File.WriteAllLines(list, ["day02/0002.jpg left", "day02/0003.jpg right"]);
        var dataset = DatasetSpec.Open($"mpiigaze:{temp.Path}?subset=evaluation", new DatasetOptions(Height: 36, Width: 60));
        Assert.Equal(2, dataset.Count);
        Assert.Equal("p01_day02_0002_left.png", dataset.SampleName(0));
        Assert.Equal("p01_day02_0003_right.png", dataset.SampleName(1));
    }

    [Fact]
    public void A_corrupt_day_file_names_the_file()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("Data", "Normalized", "p02", "day01.mat");
        WriteDay(file, 1);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<DatasetException>(() => new MpiiGazeDataset(temp.Path, Patch, false, "mpiigaze:x"));
        Assert.Contains("day01.mat", error.Message);
    }

    [Fact]
    public void A_folder_without_participants_says_where_to_point()
    {
        using var temp = new TempDirectory();
        Assert.Contains("pXX", Assert.Throws<DatasetException>(() => new MpiiGazeDataset(temp.Path, Patch, false, "mpiigaze:x")).Message);
    }
}
