using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Imaging;

namespace SimGan.Data.Folders;

/// <summary>
/// Writes a dataset in the folder layout. Each image goes to DIR/images/NAME.png atomically, then its line to
/// DIR/labels.jsonl; a name counts as complete only once both exist, so a run that is stopped and started again
/// can skip exactly the finished samples (<see cref="IsComplete"/>). Safe to call from several threads.
/// </summary>
public sealed class FolderDatasetWriter : IDisposable
{
    readonly object _gate = new();
    readonly string _imageDirectory;
    readonly HashSet<string> _complete;
    readonly FileStream _labels;

    public FolderDatasetWriter(string directory)
    {
        Root = directory;
        _imageDirectory = Path.Combine(directory, FolderLayout.ImagesDirectory);
        Directory.CreateDirectory(_imageDirectory);
        string labelsPath = Path.Combine(directory, LabelsFile.FileName);
        DropTornLastLine(labelsPath);
        var existing = File.Exists(labelsPath) ? LabelsFile.Read(labelsPath) : LabelsFile.Empty;
        _complete = existing.ByFile.Keys
            .Where(name => File.Exists(Path.Combine(_imageDirectory, name)))
            .ToHashSet(StringComparer.Ordinal);
        _labels = new FileStream(labelsPath, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>DIR, holding images/ and labels.jsonl.</summary>
    public string Root { get; }

    public int CompleteCount
    {
        get { lock (_gate) return _complete.Count; }
    }

    public bool IsComplete(string name)
    {
        lock (_gate) return _complete.Contains(name);
    }

    /// <summary>
    /// Writes one sample. <paramref name="name"/> is a plain file name ending in .png; <paramref name="labels"/> may be
    /// null (unlabelled sets still get a line, so completion is tracked the same way).
    /// </summary>
    public void Write(string name, ReadOnlySpan<float> chw, ImageShape shape, JsonObject? labels)
    {
        if (name != Path.GetFileName(name) || !name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || name.StartsWith('.'))
            throw new ArgumentException($"sample name {name} must be a plain file name ending in .png");
        PngImage.Write(Path.Combine(_imageDirectory, name), chw, shape);
        var line = new JsonObject { [LabelsFile.FileKey] = name };
        if (labels is not null)
            foreach (var (key, value) in labels)
                if (key != LabelsFile.FileKey) line[key] = value?.DeepClone();
        byte[] bytes = Encoding.UTF8.GetBytes(line.ToJsonString(JsonOptions) + "\n");
        lock (_gate)
        {
            if (_complete.Contains(name)) return;
            _labels.Write(bytes);
            _labels.Flush(flushToDisk: false);
            _complete.Add(name);
        }
    }

    public void Dispose()
    {
        lock (_gate) _labels.Dispose();
    }

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    /// <summary>A crash can leave the last line without its newline; appending after it would fuse two records.</summary>
    static void DropTornLastLine(string path)
    {
        if (!File.Exists(path)) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        if (stream.Length == 0) return;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n') return;
        long end = stream.Length - 1;
        while (end > 0)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n') break;
            end--;
        }
        stream.SetLength(end);
    }
}
