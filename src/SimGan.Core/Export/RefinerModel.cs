using System.Security.Cryptography;
using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Core.Export;

/// <summary>
/// A trained refiner ready to apply, loaded from a run folder (its export, else its newest valid checkpoint), a
/// .safetensors export or a .sgck checkpoint. The checksum identifies the weights in refine manifests.
/// </summary>
public sealed class RefinerModel : IDisposable
{
    private RefinerModel(Refiner refiner, string source, string checksum)
    {
        Refiner = refiner;
        Source = source;
        Checksum = checksum;
        Refiner.eval();
    }

    public Refiner Refiner { get; }
    public string Source { get; }
    public string Checksum { get; }

    public static RefinerModel Load(string path, Action<string>? warn = null)
    {
        if (Directory.Exists(path))
        {
            string export = Path.Combine(path, "refiner.safetensors");
            if (File.Exists(export)) return Load(export, warn);
            var newest = new CheckpointDirectory(Path.Combine(path, "checkpoints")).LoadNewestValid(warn ?? (_ => { }))
                         ?? throw new FileNotFoundException($"{path} has neither refiner.safetensors nor a valid checkpoint");
            return FromCheckpoint(newest.Path, newest.Sections);
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"model {path} does not exist");
        if (path.EndsWith(".sgck", StringComparison.OrdinalIgnoreCase)) return FromCheckpoint(path, CheckpointFile.Read(path));
        return new RefinerModel(RefinerExport.Load(path), path, Sha256(File.ReadAllBytes(path)));
    }

    private static RefinerModel FromCheckpoint(string path, IReadOnlyDictionary<string, byte[]> sections)
    {
        var (options, shape, _) = TrainingCheckpoint.Peek(sections);
        var refiner = new Refiner(options.RefinerFor(shape.Channels));
        // A run that keeps a moving average of R exports the average, so its checkpoints refine with it too.
        string section = sections.ContainsKey(TrainingCheckpoint.AverageSection) ? TrainingCheckpoint.AverageSection : "refiner";
        using (var r = new BinaryReader(new MemoryStream(sections[section], writable: false)))
        using (torch.no_grad()) refiner.load(r);
        return new RefinerModel(refiner, path, Sha256(sections[section]));
    }

    /// <summary>
    /// A refiner rebuilt from its architecture and flat weights (<see cref="WeightVector"/> order), as a cluster
    /// worker receives it; the checksum is the one the sender loaded, so manifests name the same model.
    /// </summary>
    public static RefinerModel FromWeights(RefinerSpec spec, ReadOnlySpan<float> weights, string checksum, string source)
    {
        var refiner = new Refiner(spec);
        try { WeightVector.WriteWeights(refiner, weights); }
        catch { refiner.Dispose(); throw; }
        return new RefinerModel(refiner, source, checksum);
    }

    /// <summary>
    /// Moves the refiner to where it should run and in what number format (bf16 halves the work on CPUs with bf16
    /// instructions); images still come and go as fp32 pixels on the host. Returns this model.
    /// </summary>
    public RefinerModel PlaceOn(torch.Device device, Runtime.Precision precision)
    {
        NetworkPlacement.Place(Refiner, device, precision);
        return this;
    }

    /// <summary>Refines count images given as [0, 1] pixels; returns [0, 1] pixels.</summary>
    public float[] Refine(float[] pixels, int count, ImageShape shape)
    {
        if (shape.Channels != Refiner.Spec.Channels)
            throw new InvalidDataException($"the refiner takes {Refiner.Spec.Channels}-channel images, the data has {shape.Channels}");
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var x = ImageTensors.FromPixels(pixels, count, shape).to(NetworkPlacement.DeviceOf(Refiner));
        return ImageTensors.ToPixels(Refiner.Refine(x));
    }

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Dispose() => Refiner.Dispose();
}
