using System.Globalization;
using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;
using SkiaSharp;

namespace SimGan.Data.Tests.Formats;

public class UnityEyesDatasetTests
{
    static readonly ImageShape Eye = new(1, 35, 55);

    /// <summary>A 200×100 image, dark left half and bright right half, with an eye from x = 60 to 140 around y = 50.</summary>
    static readonly Lazy<byte[]> Jpeg = new(() =>
    {
        using var bitmap = new SKBitmap(200, 100);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(20, 20, 20));
            canvas.DrawRect(100, 0, 100, 100, new SKPaint { Color = new SKColor(220, 220, 220) });
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    });

    static void WriteSample(string directory, string stem, string lookVector = "(0.0, 0.0, 1.0, 0.0)")
    {
        File.WriteAllBytes(Path.Combine(directory, stem + ".jpg"), Jpeg.Value);
        // Screen coordinates: origin bottom-left, so image y = 100 − y.
        string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"({x}, {100 - y}, 0.0)");
        var margin = new JsonArray();
        for (int i = 0; i < 16; i++)
        {
            double angle = 2 * Math.PI * i / 16;
            margin.Add(Point(100 + 40 * Math.Cos(angle), 50 + 10 * Math.Sin(angle)));
        }
        var iris = new JsonArray();
        for (int i = 0; i < 8; i++)
        {
            double angle = 2 * Math.PI * i / 8;
            iris.Add(Point(100 + 8 * Math.Cos(angle), 50 + 8 * Math.Sin(angle)));
        }
        var json = new JsonObject
        {
            ["interior_margin_2d"] = margin,
            ["caruncle_2d"] = new JsonArray(Point(62, 50), Point(64, 51)),
            ["iris_2d"] = iris,
            ["eye_details"] = new JsonObject { ["look_vec"] = lookVector },
        };
        File.WriteAllText(Path.Combine(directory, stem + ".json"), json.ToJsonString());
    }

    [Fact]
    public void Crops_around_the_eye_and_maps_landmarks_into_the_crop()
    {
        using var temp = new TempDirectory();
        WriteSample(temp.Path, "1");
        var dataset = new UnityEyesDataset(temp.Path, Eye, "unityeyes:x");
        var pixels = new float[Eye.Pixels];
        dataset.ReadImage(0, pixels);
        // The crop is 120 px wide centred on x = 100: dark on the left of the patch, bright on the right.
        Assert.True(pixels[17 * 55 + 5] < 0.2f);
        Assert.True(pixels[17 * 55 + 50] > 0.7f);
        var labels = dataset.Labels(0)!;
        Assert.Equal(27.5, labels["pupil_x"]!.GetValue<double>(), 0.5);
        Assert.Equal(17.5, labels["pupil_y"]!.GetValue<double>(), 0.5);
        Assert.Equal(0.0, labels["gaze_pitch"]!.GetValue<double>(), 1e-6);
        Assert.Equal(0.0, labels["gaze_yaw"]!.GetValue<double>(), 1e-6);
    }

    [Fact]
    public void Looking_up_in_unity_s_frame_is_a_positive_pitch()
    {
        using var temp = new TempDirectory();
        WriteSample(temp.Path, "1", "(0.0, 0.3, 0.954, 0.0)");
        var labels = new UnityEyesDataset(temp.Path, Eye, "unityeyes:x").Labels(0)!;
        Assert.True(labels["gaze_pitch"]!.GetValue<double>() > 0.25);
    }

    [Fact]
    public void A_malformed_json_is_a_bad_sample_naming_the_file_and_skipping_continues()
    {
        using var temp = new TempDirectory();
        for (int i = 1; i <= 200; i++) WriteSample(temp.Path, i.ToString());
        File.WriteAllText(temp.Combine("7.json"), "{\"interior_margin_2d\": [\"(1, 2\"]}");
        var raw = new UnityEyesDataset(temp.Path, Eye, "unityeyes:x");
        Assert.EndsWith("7.json", Assert.Throws<BadSampleException>(() => raw.ReadImage(6, new float[Eye.Pixels])).Sample);
        var skipping = DatasetSpec.Open("unityeyes:" + temp.Path);
        skipping.ReadImage(6, new float[Eye.Pixels]);
        Assert.Single(((SkippingDataset)skipping).BadSamples);
    }

    [Theory]
    [InlineData("{\"iris_2d\": [\"(1, 2, 0)\"], \"iris_2d\": [\"(3, 4, 0)\"]}", "Duplicate property")]
    [InlineData(null, "outside any UnityEyes image")]
    public void Json_found_by_fuzzing_is_a_bad_sample_not_a_crash(string? json, string message)
    {
        // A repeated property name threw ArgumentException on first lookup; landmarks 1e31 px apart overflowed the
        // crop's size (IndexOutOfRangeException).
        using var temp = new TempDirectory();
        WriteSample(temp.Path, "1");
        if (json is null)
        {
            string text = File.ReadAllText(temp.Combine("1.json"));
            int at = text.IndexOf("\"interior_margin_2d\":[\"(", StringComparison.Ordinal) + "\"interior_margin_2d\":[\"(".Length;
            json = text[..at] + "1e31" + text[text.IndexOf(',', at)..];
        }
        File.WriteAllText(temp.Combine("1.json"), json);
        var dataset = new UnityEyesDataset(temp.Path, Eye, "unityeyes:x");
        Assert.Contains(message, Assert.Throws<BadSampleException>(() => dataset.ReadImage(0, new float[Eye.Pixels])).Message);
    }

    [Fact]
    public void A_folder_without_pairs_says_what_to_point_at()
    {
        using var temp = new TempDirectory();
        Assert.Contains("N.jpg", Assert.Throws<DatasetException>(() => new UnityEyesDataset(temp.Path, Eye, "unityeyes:x")).Message);
    }
}
