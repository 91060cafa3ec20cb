using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Imaging;

namespace SimGan.Data.Refining;

/// <summary>What a refinement produced: how many images were written now, how many were already there.</summary>
public sealed record RefinementResult(long Written, long Skipped, string OutputDirectory);

/// <summary>
/// Applies a refiner to a whole dataset and writes a folder dataset: images/NAME.png, labels.jsonl with every
/// label carried over unchanged, and manifest.json (count, source spec, model checksum). Work is idempotent: each
/// image is written atomically, labels.jsonl is rewritten atomically after each batch, and a second run into the
/// same folder skips every image it already lists. The maths comes in as a delegate, so this class knows no tensors.
/// </summary>
public sealed class DatasetRefinement(IDataset input, string outputDirectory, string modelChecksum, int batchSize = 64)
{
    public const string ManifestFile = "manifest.json";
    public const string LabelsFile = "labels.jsonl";
    public const string ImagesFolder = "images";

    public RefinementResult Run(Func<float[], int, ImageShape, float[]> refine, Action<long, long>? progress = null,
                                CancellationToken cancel = default)
    {
        if (input.Count is not long total) throw new DatasetException($"{input.Spec} is endless; give a count (for example {input.Spec}:1000)");
        Directory.CreateDirectory(Path.Combine(outputDirectory, ImagesFolder));
        CheckManifest();
        // Claim the folder for this model and source before the first image, so a crashed run cannot be mixed with another model's.
        WriteManifest(total, input.Shape, complete: false);
        var done = ReadDoneLabels();
        var shape = input.Shape;
        long skipped = 0, written = 0;
        var pending = new List<long>();
        for (long i = 0; i < total && !cancel.IsCancellationRequested; i++)
        {
            string name = input.SampleName(i);
            if (done.ContainsKey(name) && File.Exists(ImagePath(name))) { skipped++; continue; }
            pending.Add(i);
            if (pending.Count == batchSize || i == total - 1)
            {
                written += WriteBatch(pending, shape, refine, done);
                pending.Clear();
                progress?.Invoke(skipped + written, total);
            }
        }
        if (pending.Count > 0 && !cancel.IsCancellationRequested) written += WriteBatch(pending, shape, refine, done);
        if (!cancel.IsCancellationRequested) WriteManifest(total, shape, complete: true);
        return new RefinementResult(written, skipped, outputDirectory);
    }

    private long WriteBatch(List<long> indices, ImageShape shape, Func<float[], int, ImageShape, float[]> refine,
                            Dictionary<string, string> done)
    {
        var pixels = new float[indices.Count * shape.Pixels];
        for (int k = 0; k < indices.Count; k++) input.ReadImage(indices[k], pixels.AsSpan(k * shape.Pixels, shape.Pixels));
        var refined = refine(pixels, indices.Count, shape);
        for (int k = 0; k < indices.Count; k++)
        {
            string name = input.SampleName(indices[k]);
            PngImage.Write(ImagePath(name), refined.AsSpan(k * shape.Pixels, shape.Pixels), shape);
            var labels = input.Labels(indices[k])?.DeepClone().AsObject() ?? new JsonObject();
            labels["file"] = name;
            done[name] = labels.ToJsonString();
        }
        // Images first, then the list that vouches for them: a crash in between only costs a redo.
        AtomicFile.WriteAllBytes(Path.Combine(outputDirectory, LabelsFile), Encoding.UTF8.GetBytes(
            string.Concat(done.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value + "\n"))));
        return indices.Count;
    }

    private Dictionary<string, string> ReadDoneLabels()
    {
        var done = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(outputDirectory, LabelsFile);
        if (!File.Exists(path)) return done;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var file = JsonNode.Parse(line)?["file"]?.GetValue<string>();
                if (file != null) done[file] = line;
            }
            catch (JsonException) { /* A line we cannot read is simply redone. */ }
        }
        return done;
    }

    private void CheckManifest()
    {
        string path = Path.Combine(outputDirectory, ManifestFile);
        if (!File.Exists(path)) return;
        var manifest = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
        string? model = manifest?["model_checksum"]?.GetValue<string>();
        string? source = manifest?["source"]?.GetValue<string>();
        if (model != modelChecksum || source != input.Spec)
            throw new DatasetException($"{outputDirectory} holds images refined from {source} by {model}; refine into another folder");
    }

    private void WriteManifest(long total, ImageShape shape, bool complete)
    {
        var manifest = new JsonObject
        {
            ["count"] = total,
            ["complete"] = complete,
            ["source"] = input.Spec,
            ["model_checksum"] = modelChecksum,
            ["shape"] = new JsonArray(shape.Channels, shape.Height, shape.Width),
            ["labels"] = LabelsFile,
            ["images"] = ImagesFolder,
        };
        AtomicFile.WriteAllBytes(Path.Combine(outputDirectory, ManifestFile),
            Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    private string ImagePath(string name) => Path.Combine(outputDirectory, ImagesFolder, name);
}
