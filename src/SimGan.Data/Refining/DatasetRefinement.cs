using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Folders;
using SimGan.Data.Imaging;

namespace SimGan.Data.Refining;

/// <summary>What a refinement produced: how many images were written now, how many were already there.</summary>
public sealed record RefinementResult(long Written, long Skipped, string OutputDirectory);

/// <summary>
/// Applies a refiner to a whole dataset and writes a folder dataset (images/NAME.png, labels.jsonl with every label
/// carried over unchanged) plus manifest.json (count, source spec, model checksum, the refiner's output stage). A second run into the same folder
/// skips what <see cref="FolderDatasetWriter"/> reports complete. The maths comes in as a delegate, so this class
/// knows no tensors.
/// </summary>
public sealed class DatasetRefinement(IDataset input, string outputDirectory, string modelChecksum, int batchSize = 64,
                                       string outputStage = DatasetRefinement.NoOutputStage)
{
    public const string ManifestFile = "manifest.json";

    /// <summary>The manifest's output_stage for a refiner whose output leaves the network unchanged.</summary>
    public const string NoOutputStage = "none";

    public RefinementResult Run(Func<float[], int, ImageShape, float[]> refine, Action<long, long>? progress = null,
                                CancellationToken cancel = default) =>
        // One batch in flight and a delegate that finishes before it returns: every await below completes at once,
        // so this runs on the calling thread exactly as a plain loop would.
        RunAsync((pixels, count, shape) => Task.FromResult(refine(pixels, count, shape)), 1, progress, cancel).GetAwaiter().GetResult();

    /// <summary>
    /// The same refinement with the batches computed elsewhere (cluster workers): up to <paramref name="inFlight"/>
    /// batches are out at once, and each is written only after every batch before it, so labels.jsonl lists the
    /// samples in the order a local run writes them. The batches are the local run's: same size, images and order.
    /// </summary>
    public async Task<RefinementResult> RunAsync(Func<float[], int, ImageShape, Task<float[]>> refine, int inFlight,
                                                 Action<long, long>? progress = null, CancellationToken cancel = default)
    {
        if (inFlight <= 0) throw new ArgumentOutOfRangeException(nameof(inFlight), inFlight, "at least one batch must be in flight");
        if (input.Count is not long total) throw new DatasetException($"{input.Spec} is endless; give a count (for example {input.Spec}:1000)");
        Directory.CreateDirectory(outputDirectory);
        CheckManifest();
        // Claim the folder for this model and source before the first image, so a crashed run is never mixed with another model's.
        WriteManifest(total, complete: false);
        using var writer = new FolderDatasetWriter(outputDirectory);
        var shape = input.Shape;
        long skipped = 0, written = 0;
        var pending = new List<long>(batchSize);
        var window = new Queue<(long[] Samples, Task<float[]> Refined)>();
        for (long i = 0; i < total && !cancel.IsCancellationRequested; i++)
        {
            if (writer.IsComplete(input.SampleName(i))) { skipped++; continue; }
            pending.Add(i);
            if (pending.Count == batchSize) await Submit();
        }
        if (!cancel.IsCancellationRequested) await Submit();
        // Batches already out are written even when stopping: their work is done (or is abandoned by the delegate).
        while (window.Count > 0 && await WriteOldest()) { }
        if (!cancel.IsCancellationRequested)
        {
            WriteManifest(total, complete: true);
        }
        return new RefinementResult(written, skipped, outputDirectory);

        async Task Submit()
        {
            if (pending.Count == 0) return;
            var pixels = new float[pending.Count * shape.Pixels];
            for (int k = 0; k < pending.Count; k++) input.ReadImage(pending[k], pixels.AsSpan(k * shape.Pixels, shape.Pixels));
            window.Enqueue((pending.ToArray(), refine(pixels, pending.Count, shape)));
            pending.Clear();
            while (window.Count >= inFlight) await WriteOldest();
        }

        async Task<bool> WriteOldest()
        {
            var (samples, task) = window.Dequeue();
            float[] refined;
            try { refined = await task; }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested) { window.Clear(); return false; }
            for (int k = 0; k < samples.Length; k++)
                writer.Write(input.SampleName(samples[k]), refined.AsSpan(k * shape.Pixels, shape.Pixels), shape, input.Labels(samples[k]));
            written += samples.Length;
            progress?.Invoke(skipped + written, total);
            return true;
        }
    }

    private void CheckManifest()
    {
        string path = Path.Combine(outputDirectory, ManifestFile);
        if (!File.Exists(path)) return;
        JsonObject? manifest;
        try { manifest = StrictJson.Parse(File.ReadAllText(path))?.AsObject(); }
        catch (JsonException) { throw new DatasetException($"{path} is not valid JSON; refine into another folder"); }
        string? model = manifest?["model_checksum"]?.GetValue<string>();
        string? source = manifest?["source"]?.GetValue<string>();
        if (model != modelChecksum || source != input.Spec)
            throw new DatasetException($"{outputDirectory} holds images refined from {source} by {model}; refine into another folder");
    }

    /// <summary>
    /// The output stage the manifest in <paramref name="folder"/> records: <see cref="NoOutputStage"/> when there is no
    /// manifest or it predates the key; an <see cref="InvalidDataException"/> naming the file if it is not valid JSON.
    /// </summary>
    public static string OutputStageOf(string folder)
    {
        string path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path)) return NoOutputStage;
        try { return StrictJson.Parse(File.ReadAllText(path))?["output_stage"]?.GetValue<string>() ?? NoOutputStage; }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a valid refine manifest: {e.Message.Split('\n')[0]}");
        }
    }

    private void WriteManifest(long total, bool complete)
    {
        var shape = input.Shape;
        var manifest = new JsonObject
        {
            ["count"] = total,
            ["complete"] = complete,
            ["source"] = input.Spec,
            ["model_checksum"] = modelChecksum,
            ["output_stage"] = outputStage,
            ["shape"] = new JsonArray(shape.Channels, shape.Height, shape.Width),
        };
        AtomicFile.WriteAllBytes(Path.Combine(outputDirectory, ManifestFile),
            Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }
}
