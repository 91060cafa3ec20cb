using System.Globalization;
using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;
using SkiaSharp;

namespace SimGan.Fuzz.Targets;

/// <summary>
/// A UnityEyes sample's JSON (landmarks and look vector), beside a fixed valid JPEG, read the way unityeyes: reads it:
/// labels, then the crop the landmarks define.
/// </summary>
public sealed class UnityEyesTarget : FuzzTarget
{
    static readonly ImageShape Eye = new(1, 35, 55);
    readonly ScratchFolder _scratch = new("unityeyes");

    public UnityEyesTarget()
    {
        using var bitmap = new SKBitmap(160, 120);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(new SKColor(90, 90, 90));
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(_scratch.Combine("1.jpg"), jpeg.ToArray());
    }

    public override string Name => "unityeyes";

    public override string Parser => "UnityEyesDataset (labels and crop)";

    protected override void Parse(byte[] input)
    {
        File.WriteAllBytes(_scratch.Combine("1.json"), input);
        var dataset = new UnityEyesDataset(_scratch.Path, Eye, "unityeyes:" + _scratch.Path);
        dataset.Labels(0);
        dataset.ReadImage(0, new float[Eye.Pixels]);
    }

    protected override bool IsRefusal(Exception error) => error is DatasetException or BadSampleException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        // Screen coordinates as UnityEyes writes them: origin bottom-left, strings of 3 numbers.
        static string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"({x:0.###}, {120 - y:0.###}, 8.5)");
        JsonArray Ring(int count, double rx, double ry) =>
            new(Enumerable.Range(0, count).Select(i => (JsonNode)Point(80 + rx * Math.Cos(2 * Math.PI * i / count), 60 + ry * Math.Sin(2 * Math.PI * i / count))).ToArray());
        var json = new JsonObject
        {
            ["interior_margin_2d"] = Ring(8, 30, 10),
            ["caruncle_2d"] = new JsonArray(Point(52, 60), Point(54, 61)),
            ["iris_2d"] = Ring(6, 6, 6),
            ["eye_details"] = new JsonObject { ["look_vec"] = "(0.1, -0.2, -0.97, 0.0)", ["pupil_size"] = "0.05" },
        };
        yield return ("1.json", System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    public override void Dispose() => _scratch.Dispose();
}
