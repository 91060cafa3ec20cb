using System.Text.Json.Nodes;
using SimGan.Data.Datasets;
using SimGan.Data.Eyes;
using SimGan.Data.Folders;
using SimGan.Data.Simulation;

namespace SimGan.Data.Tests.Simulation;

public class DatasetExporterTests
{
    [Fact]
    public void Simulate_writes_images_and_one_labelled_line_each()
    {
        using var temp = new TempDirectory();
        var summary = DatasetExporter.Simulate(EyeDomainNames.Synthetic, 12, 4, temp.Path);
        Assert.Equal(12, summary.Written);
        Assert.Equal(12, Directory.GetFiles(temp.Combine("images"), "*.png").Length);
        var lines = File.ReadAllLines(temp.Combine("labels.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(12, lines.Count);
        foreach (string key in new[] { "file", "gaze_pitch", "gaze_yaw", "gaze_vector", "pupil_x", "pupil_y", "iris_2d", "interior_margin_2d" })
            Assert.All(lines, line => Assert.True(line.ContainsKey(key), key));
    }

    [Theory]
    [InlineData(EyeDomain.Real)]
    [InlineData(EyeDomain.Rendered)]
    public void The_written_folder_reads_back_as_the_generator_s_images(EyeDomain domain)
    {
        using var temp = new TempDirectory();
        DatasetExporter.Simulate(domain.Name(), 3, 8, temp.Path);
        var folder = DatasetSpec.Open("folder:" + temp.Path);
        var generator = new EyeDataset(domain, 3, 8);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(generator.SampleName(i), folder.SampleName(i));
            var expected = new float[generator.Shape.Pixels];
            var actual = new float[generator.Shape.Pixels];
            generator.ReadImage(i, expected);
            folder.ReadImage(i, actual);
            Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) <= 0.5f / 255 + 1e-5f);
            Assert.Equal(generator.Labels(i)!["gaze_yaw"]!.GetValue<double>(), folder.Labels(i)!["gaze_yaw"]!.GetValue<double>());
        }
    }

    [Fact]
    public void A_second_run_skips_what_is_complete()
    {
        using var temp = new TempDirectory();
        DatasetExporter.Simulate(EyeDomainNames.Synthetic, 5, 1, temp.Path);
        File.Delete(temp.Combine("images", "000003.png"));
        var summary = DatasetExporter.Simulate(EyeDomainNames.Synthetic, 6, 1, temp.Path);
        Assert.Equal((2L, 4L), (summary.Written, summary.Skipped));
        Assert.Equal(6, new FolderDatasetWriter(temp.Path).CompleteCount);
    }

    [Theory]
    [InlineData("eyes-fake", 10)]
    [InlineData("eyes-synthetic", 0)]
    public void Bad_arguments_create_nothing(string domain, long count)
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("out");
        Assert.Throws<DatasetException>(() => DatasetExporter.Simulate(domain, count, 0, output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_unknown_domain_is_refused_with_the_names_of_all_five()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<DatasetException>(() => DatasetExporter.Simulate("eyes-fake", 3, 0, temp.Combine("out")));
        Assert.Contains("eyes-synthetic, eyes-real, eyes-rendered, hands-synthetic or hands-real", error.Message);
    }

    [Fact]
    public void Bad_sizes_create_nothing()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("out");
        Assert.Throws<DatasetException>(() => DatasetExporter.Simulate(EyeDomainNames.Synthetic, 5, 0, output, height: 100_000));
        Assert.False(Directory.Exists(output));
    }
}
