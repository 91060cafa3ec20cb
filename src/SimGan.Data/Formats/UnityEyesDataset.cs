using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Imaging;

namespace SimGan.Data.Formats;

/// <summary>
/// unityeyes:PATH — UnityEyes output, N.jpg with N.json. Each image is cropped to a box centred on the interior margin
/// (1.5 × the eye's corner-to-corner width, with the target's aspect ratio, as common practice does), converted to
/// gray and resized to the target. Landmarks (screen coordinates, origin bottom-left) are flipped to y-down and mapped
/// into the crop; look_vec becomes pitch/yaw (see <see cref="UnityEyesGaze"/>).
/// </summary>
public sealed class UnityEyesDataset : IDataset
{
    const double CropWidthOverEyeWidth = 1.5;
    const long MaxJsonBytes = 16 << 20;
    const double MaxCoordinate = 1 << 20;

    readonly string _directory;
    readonly string[] _stems;

    public UnityEyesDataset(string path, ImageShape shape, string spec)
    {
        if (!Directory.Exists(path)) throw new DatasetException($"folder {path} does not exist; check the path in \"{spec}\"");
        _directory = path;
        _stems = Directory.EnumerateFiles(path, "*.jpg")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(stem => File.Exists(Path.Combine(path, stem + ".json")))
            .OrderBy(stem => long.TryParse(stem, out long n) ? n : long.MaxValue).ThenBy(stem => stem, StringComparer.Ordinal)
            .ToArray();
        if (_stems.Length == 0)
            throw new DatasetException($"{path} has no UnityEyes pairs (N.jpg with N.json); point unityeyes: at UnityEyes' output folder");
        Shape = shape;
        Spec = spec;
    }

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count => _stems.Length;

    public string SampleName(long index) => _stems[index] + ".png";

    public JsonObject? Labels(long index)
    {
        var (sample, box) = Load(index, decodeImage: false);
        var labels = GazeLabels.FromVector(sample.Gaze.X, sample.Gaze.Y, sample.Gaze.Z);
        var iris = sample.Iris.Select(box.Map).ToArray();
        labels["pupil_x"] = Math.Round(iris.Average(p => p.X), 4);
        labels["pupil_y"] = Math.Round(iris.Average(p => p.Y), 4);
        labels["iris_2d"] = Points(iris);
        labels["interior_margin_2d"] = Points(sample.Margin.Select(box.Map));
        labels["caruncle_2d"] = Points(sample.Caruncle.Select(box.Map));
        return labels;
    }

    public void ReadImage(long index, Span<float> destination)
    {
        var (sample, box) = Load(index, decodeImage: true);
        var image = sample.Image!;
        var gray = new float[image.Width * image.Height];
        ImageConversion.ToChannelsFirst(image, new ImageShape(1, image.Height, image.Width), gray);
        var crop = Crop.Plane(gray, image.Height, image.Width, box.Left, box.Top, box.Width, box.Height);
        int plane = Shape.Height * Shape.Width;
        for (int c = 0; c < Shape.Channels; c++)
            Resampler.Resize(crop, box.Height, box.Width, destination.Slice(c * plane, plane), Shape.Height, Shape.Width);
    }

    sealed record Sample(DecodedImage? Image, (double X, double Y)[] Margin, (double X, double Y)[] Caruncle,
        (double X, double Y)[] Iris, (double X, double Y, double Z) Gaze);

    /// <summary>The crop in source pixels and its scale to the target.</summary>
    readonly record struct CropBox(int Left, int Top, int Width, int Height, double ScaleX, double ScaleY)
    {
        public (double X, double Y) Map((double X, double Y) p) => ((p.X - Left) * ScaleX, (p.Y - Top) * ScaleY);
    }

    (Sample, CropBox) Load(long index, bool decodeImage)
    {
        string stem = _stems[index];
        string jsonPath = Path.Combine(_directory, stem + ".json"), imagePath = Path.Combine(_directory, stem + ".jpg");
        DecodedImage? image = null;
        if (decodeImage)
        {
            try
            {
                image = ImageDecoder.Decode(File.ReadAllBytes(imagePath));
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new BadSampleException(imagePath, e.Message, e);
            }
        }
        try
        {
            if (new FileInfo(jsonPath).Length > MaxJsonBytes) throw new InvalidDataException("the JSON file is implausibly large");
            var json = StrictJson.Parse(File.ReadAllText(jsonPath)) as JsonObject ?? throw new InvalidDataException("not a JSON object");
            // UnityEyes' default render is 640×480; the decoded image, when there is one, gives the true height.
            int imageHeight = image?.Height ?? 480;
            var margin = ScreenPoints(json, "interior_margin_2d", imageHeight);
            var caruncle = ScreenPoints(json, "caruncle_2d", imageHeight);
            var iris = ScreenPoints(json, "iris_2d", imageHeight);
            var look = UnityEyesGaze.ParseTuple(String(json["eye_details"]?["look_vec"], "eye_details.look_vec"));
            if (look.Length < 3) throw new InvalidDataException("eye_details.look_vec has fewer than 3 numbers");
            var gaze = UnityEyesGaze.ToCameraFrame(look[0], look[1], look[2]);
            double centreX = margin.Average(p => p.X), centreY = margin.Average(p => p.Y);
            double eyeWidth = margin.Max(p => p.X) - margin.Min(p => p.X);
            if (!(eyeWidth > 1)) throw new InvalidDataException("interior_margin_2d spans no width");
            double cropWidth = CropWidthOverEyeWidth * eyeWidth, cropHeight = cropWidth * Shape.Height / Shape.Width;
            // Landmarks far outside any image made a crop too large to allocate (found by fuzzing).
            if (cropWidth * cropHeight > ImageDecoder.MaxPixels || Math.Abs(centreX) > MaxCoordinate || Math.Abs(centreY) > MaxCoordinate)
                throw new InvalidDataException($"interior_margin_2d spans {eyeWidth:0.#} px around ({centreX:0.#}, {centreY:0.#}), outside any UnityEyes image");
            int width = Math.Max(1, (int)Math.Round(cropWidth)), height = Math.Max(1, (int)Math.Round(cropHeight));
            var box = new CropBox((int)Math.Round(centreX - width / 2.0), (int)Math.Round(centreY - height / 2.0), width, height,
                (double)Shape.Width / width, (double)Shape.Height / height);
            return (new Sample(image, margin, caruncle, iris, gaze), box);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or InvalidOperationException)
        {
            throw new BadSampleException(jsonPath, e.Message, e);
        }
    }

    static (double X, double Y)[] ScreenPoints(JsonObject json, string key, int imageHeight)
    {
        if (json[key] is not JsonArray array || array.Count == 0) throw new InvalidDataException($"\"{key}\" is missing or empty");
        return array.Select(node =>
        {
            var v = UnityEyesGaze.ParseTuple(String(node, key));
            if (v.Length < 2) throw new InvalidDataException($"a point in \"{key}\" has fewer than 2 numbers");
            return (v[0], imageHeight - v[1]);
        }).ToArray();
    }

    static string String(JsonNode? node, string key) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : throw new InvalidDataException($"\"{key}\" is not a string");

    static JsonArray Points(IEnumerable<(double X, double Y)> points)
    {
        var array = new JsonArray();
        foreach (var (x, y) in points) array.Add(new JsonArray(Math.Round(x, 4), Math.Round(y, 4)));
        return array;
    }
}
