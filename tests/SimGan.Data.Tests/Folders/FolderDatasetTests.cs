using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Folders;
using SimGan.Data.Imaging;
using SkiaSharp;

namespace SimGan.Data.Tests.Folders;

public class FolderDatasetTests
{
    static readonly ImageShape Eye = new(1, 35, 55);

    static float[] Gradient(ImageShape shape) =>
        Enumerable.Range(0, shape.Pixels).Select(i => (i % shape.Width) / (float)shape.Width).ToArray();

    [Fact]
    public void Reads_back_what_the_writer_wrote_with_its_labels()
    {
        using var temp = new TempDirectory();
        using (var writer = new FolderDatasetWriter(temp.Path))
        {
            writer.Write("b.png", Gradient(Eye), Eye, new JsonObject { ["gaze_pitch"] = 0.25 });
            writer.Write("a.png", new float[Eye.Pixels], Eye, null);
        }
        var dataset = new FolderDataset(temp.Path, Eye);
        Assert.Equal(2, dataset.Count);
        Assert.Equal("a.png", dataset.SampleName(0));
        Assert.Equal(0.25, dataset.Labels(1)!["gaze_pitch"]!.GetValue<double>());
        Assert.Equal("b.png", dataset.Labels(1)!["file"]!.GetValue<string>());
        var pixels = new float[Eye.Pixels];
        dataset.ReadImage(1, pixels);
        Assert.Equal(Gradient(Eye), pixels, (a, b) => Math.Abs(a - b) < 0.003f);
    }

    [Fact]
    public void Resizes_any_size_and_converts_colour_jpegs_to_gray()
    {
        using var temp = new TempDirectory();
        using (var bitmap = new SKBitmap(200, 120))
        {
            bitmap.Erase(new SKColor(200, 100, 50));
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
            File.WriteAllBytes(temp.Combine("photo.jpg"), data.ToArray());
        }
        var dataset = new FolderDataset(temp.Path, Eye);
        var pixels = new float[Eye.Pixels];
        dataset.ReadImage(0, pixels);
        float luma = (0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f;
        Assert.All(pixels, v => Assert.Equal(luma, v, 0.02f));
        Assert.Null(dataset.Labels(0));
    }

    [Fact]
    public void Reads_three_channels_when_asked()
    {
        using var temp = new TempDirectory();
        var rgb = new ImageShape(3, 4, 4);
        var pixels = new float[rgb.Pixels];
        pixels.AsSpan(32, 16).Fill(1f);
        PngImage.Write(temp.Combine("x.png"), pixels, rgb);
        var back = new float[rgb.Pixels];
        new FolderDataset(temp.Path, rgb).ReadImage(0, back);
        Assert.Equal(pixels, back);
    }

    [Fact]
    public void A_missing_or_empty_folder_is_a_dataset_error_that_says_what_to_do()
    {
        using var temp = new TempDirectory();
        var missing = Assert.Throws<DatasetException>(() => new FolderDataset(temp.Combine("nope"), Eye));
        Assert.Contains("does not exist", missing.Message);
        File.WriteAllText(temp.Combine("notes.txt"), "no images here");
        var empty = Assert.Throws<DatasetException>(() => new FolderDataset(temp.Path, Eye));
        Assert.Contains("no .png", empty.Message);
    }

    [Fact]
    public void A_corrupt_image_names_its_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Combine("broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        var dataset = new FolderDataset(temp.Path, Eye);
        var error = Assert.Throws<BadSampleException>(() => dataset.ReadImage(0, new float[Eye.Pixels]));
        Assert.EndsWith("broken.png", error.Sample);
    }

    [Fact]
    public void Malformed_label_lines_are_reported_and_an_image_without_a_line_is_a_bad_sample()
    {
        using var temp = new TempDirectory();
        PngImage.Write(temp.Combine("a.png"), new float[Eye.Pixels], Eye);
        PngImage.Write(temp.Combine("b.png"), new float[Eye.Pixels], Eye);
        File.WriteAllLines(temp.Combine("labels.jsonl"), ["{\"file\": \"a.png\", \"gaze_yaw\": 0.1}", "{not json", "[1, 2]", "{\"gaze_yaw\": 2}"]);
        var dataset = new FolderDataset(temp.Path, Eye);
        Assert.Equal(3, dataset.LabelProblems.Count);
        Assert.Contains("line 2", dataset.LabelProblems[0]);
        Assert.Equal(0.1, dataset.Labels(0)!["gaze_yaw"]!.GetValue<double>());
        var error = Assert.Throws<BadSampleException>(() => dataset.Labels(1));
        Assert.Contains("no line", error.Message);
    }
}
