using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Imaging;

namespace SimGan.Data.Folders;

/// <summary>
/// folder:PATH — PNG/JPEG files of any size, in PATH/images/ if that exists (what simulate and refine write) or in
/// PATH itself, sorted by name; labels from PATH/labels.jsonl when present. Images are decoded on every read
/// (no cache: a folder can be larger than memory), converted to the target channels and resized. Thread-safe.
/// </summary>
public sealed class FolderDataset : IDataset
{
    static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];
    const long MaxFileBytes = 256L << 20;

    readonly string _imageDirectory;
    readonly string[] _files;
    readonly LabelsFile _labels;
    readonly bool _hasLabels;

    public FolderDataset(string path, ImageShape shape, string? spec = null)
    {
        if (!Directory.Exists(path))
            throw new DatasetException($"folder {path} does not exist; check the path in the dataset spec");
        string images = Path.Combine(path, FolderLayout.ImagesDirectory);
        _imageDirectory = Directory.Exists(images) ? images : path;
        _files = Directory.EnumerateFiles(_imageDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (_files.Length == 0)
            throw new DatasetException($"folder {_imageDirectory} has no .png/.jpg/.jpeg images; point the spec at a folder of images");
        string labelsPath = Path.Combine(path, LabelsFile.FileName);
        _hasLabels = File.Exists(labelsPath);
        _labels = _hasLabels ? LabelsFile.Read(labelsPath) : LabelsFile.Empty;
        Shape = shape;
        Root = path;
        Spec = spec ?? $"folder:{path}";
    }

    /// <summary>The folder the spec names (which holds labels.jsonl, and manifest.json if refine wrote it).</summary>
    public string Root { get; }

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count => _files.Length;

    /// <summary>labels.jsonl lines that could not be used (malformed, or naming no image).</summary>
    public IReadOnlyList<string> LabelProblems => _labels.Problems;

    public string SampleName(long index) => _files[CheckIndex(index)];

    public JsonObject? Labels(long index)
    {
        string name = SampleName(index);
        if (!_hasLabels) return null;
        if (_labels.ByFile.TryGetValue(name, out var labels)) return (JsonObject)labels.DeepClone();
        throw new BadSampleException(Path.Combine(_imageDirectory, name), $"{LabelsFile.FileName} has no line for this image");
    }

    public void ReadImage(long index, Span<float> destination)
    {
        string file = Path.Combine(_imageDirectory, SampleName(index));
        byte[] bytes;
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxFileBytes) throw new BadSampleException(file, $"{info.Length} bytes is over the {MaxFileBytes}-byte limit");
            bytes = File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            throw new BadSampleException(file, $"cannot be read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BadSampleException(file, $"cannot be read ({e.Message})", e);
        }
        DecodedImage image;
        try
        {
            image = ImageDecoder.Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new BadSampleException(file, e.Message, e);
        }
        ImageConversion.ToChannelsFirst(image, Shape, destination);
    }

    int CheckIndex(long index) =>
        index >= 0 && index < _files.Length
            ? (int)index
            : throw new ArgumentOutOfRangeException(nameof(index), $"{Spec} has {_files.Length} images, not {index + 1}");
}
