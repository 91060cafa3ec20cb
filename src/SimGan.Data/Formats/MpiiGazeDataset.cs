using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats.Mat;
using SimGan.Data.Imaging;

namespace SimGan.Data.Formats;

/// <summary>
/// mpiigaze:PATH — MPIIGaze's normalised eye patches, Data/Normalized/pXX/dayYY.mat under PATH (or PATH itself being
/// the Normalized folder). Each file holds struct data.left / data.right with image N×36×60 uint8 and gaze N×3.
/// Right eyes are mirrored (image flipped left–right, gaze x negated) so every sample looks like a left eye.
/// With the evaluation subset (spec suffix ?subset=evaluation), only the samples listed in
/// "Evaluation Subset/sample list for eye image/pXX.txt" (lines "dayXX/NNNN.jpg left|right") are kept.
/// The patches are loaded into memory when the set is opened (36×60 bytes each).
/// </summary>
public sealed class MpiiGazeDataset : IDataset
{
    const int PatchHeight = 36, PatchWidth = 60;

    readonly List<Sample> _samples = [];

    sealed record Sample(string Name, byte[] Pixels, JsonObject Labels);

    public MpiiGazeDataset(string path, ImageShape shape, bool evaluationSubset, string spec)
    {
        string normalized = Directory.Exists(Path.Combine(path, "Data", "Normalized")) ? Path.Combine(path, "Data", "Normalized") : path;
        var participants = Directory.Exists(normalized)
            ? Directory.GetDirectories(normalized, "p*").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (participants.Length == 0)
            throw new DatasetException($"{normalized} has no pXX folders; point mpiigaze: at the MPIIGaze folder (with Data/Normalized)");
        Shape = shape;
        Spec = spec;
        foreach (string participantDirectory in participants)
        {
            string participant = Path.GetFileName(participantDirectory);
            HashSet<(string Day, int Number, string Side)>? wanted = null;
            if (evaluationSubset) wanted = ReadSubsetList(path, participant);
            foreach (string file in Directory.GetFiles(participantDirectory, "day*.mat").Order(StringComparer.Ordinal))
                Load(file, participant, wanted);
        }
        if (_samples.Count == 0)
            throw new DatasetException($"{normalized} holds no eye patches{(evaluationSubset ? " listed in the evaluation subset" : "")}; check the folder");
    }

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count => _samples.Count;

    public string SampleName(long index) => _samples[(int)index].Name;

    public JsonObject? Labels(long index) => (JsonObject)_samples[(int)index].Labels.DeepClone();

    public void ReadImage(long index, Span<float> destination)
    {
        var pixels = _samples[(int)index].Pixels;
        var plane = new float[pixels.Length];
        for (int i = 0; i < plane.Length; i++) plane[i] = pixels[i] / 255f;
        for (int c = 0; c < Shape.Channels; c++)
            Resampler.Resize(plane, PatchHeight, PatchWidth, destination.Slice(c * Shape.Height * Shape.Width, Shape.Height * Shape.Width), Shape.Height, Shape.Width);
    }

    static HashSet<(string, int, string)> ReadSubsetList(string root, string participant)
    {
        string list = Path.Combine(root, "Evaluation Subset", "sample list for eye image", participant + ".txt");
        if (!File.Exists(list))
            throw new DatasetException($"{list} does not exist; the evaluation subset needs MPIIGaze's \"Evaluation Subset\" folder next to Data");
        var wanted = new HashSet<(string, int, string)>();
        int number = 0;
        foreach (string line in File.ReadLines(list))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = parts.Length == 2 ? parts[0].Split('/') : [];
            if (path.Length != 2 || !int.TryParse(Path.GetFileNameWithoutExtension(path[1]), out int image) || parts[1] is not ("left" or "right"))
                throw new DatasetException($"{list} line {number}: expected \"dayXX/NNNN.jpg left|right\", found \"{line}\"");
            wanted.Add((path[0], image, parts[1]));
        }
        return wanted;
    }

    void Load(string file, string participant, HashSet<(string Day, int Number, string Side)>? wanted)
    {
        string day = Path.GetFileNameWithoutExtension(file);
        try
        {
            var variables = MatFile.Read(file);
            if (!variables.TryGetValue("data", out var data) || data is not MatStruct eyes)
                throw new InvalidDataException("no struct variable \"data\"");
            foreach (string side in new[] { "left", "right" })
            {
                if (eyes.Field(side) is not MatStruct eye) throw new InvalidDataException($"data.{side} is missing or not a struct");
                if (eye.Field("image") is not MatNumeric image || image.Dimensions.Length != 3
                    || image.Dimensions[1] != PatchHeight || image.Dimensions[2] != PatchWidth)
                    throw new InvalidDataException($"data.{side}.image is not N×{PatchHeight}×{PatchWidth}");
                int count = image.Dimensions[0];
                if (eye.Field("gaze") is not MatNumeric gaze || gaze.Dimensions.Length != 2 || gaze.Dimensions[0] != count || gaze.Dimensions[1] != 3)
                    throw new InvalidDataException($"data.{side}.gaze is not {count}×3");
                for (int n = 0; n < count; n++)
                {
                    // The subset names images by their 1-based number within the day.
                    if (wanted is not null && !wanted.Contains((day, n + 1, side))) continue;
                    bool mirror = side == "right";
                    var pixels = new byte[PatchHeight * PatchWidth];
                    for (int row = 0; row < PatchHeight; row++)
                    for (int col = 0; col < PatchWidth; col++)
                    {
                        long source = n + (long)count * (row + (long)PatchHeight * col); // MATLAB is column-major
                        pixels[row * PatchWidth + (mirror ? PatchWidth - 1 - col : col)] = (byte)image[source];
                    }
                    double x = gaze[n], y = gaze[n + count], z = gaze[n + 2L * count];
                    var labels = GazeLabels.FromVector(mirror ? -x : x, y, z);
                    labels["participant"] = participant;
                    labels["eye"] = side;
                    string name = $"{participant}_{day}_{n + 1:D4}_{side}.png";
                    labels["source"] = $"{day}/{n + 1:D4}.jpg {side}";
                    _samples.Add(new Sample(name, pixels, labels));
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{file}: {e.Message}; the file is not an MPIIGaze normalised .mat", e);
        }
    }
}
