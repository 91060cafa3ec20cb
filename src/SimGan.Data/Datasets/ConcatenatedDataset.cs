using System.Text.Json.Nodes;
using SimGan.Core.Images;

namespace SimGan.Data.Datasets;

/// <summary>
/// The first Count samples of each part, one part after another: index i of the whole is the part's own index,
/// so a sample's image, name and labels are the part's. Parts must share the image shape.
/// </summary>
public sealed class ConcatenatedDataset : IDataset
{
    readonly IReadOnlyList<(IDataset Part, long Count)> _parts;

    public ConcatenatedDataset(IReadOnlyList<(IDataset Part, long Count)> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("a concatenation needs at least one part");
        foreach (var (part, count) in parts)
        {
            if (part.Shape != parts[0].Part.Shape)
                throw new DatasetException($"{part.Spec} has images of {part.Shape}, {parts[0].Part.Spec} of {parts[0].Part.Shape}; they cannot be trained on together");
            if (count < 1 || count > (part.Count ?? long.MaxValue))
                throw new DatasetException($"{part.Spec}: {count} samples asked, it has {part.Count}");
        }
        _parts = parts;
        Count = parts.Sum(p => p.Count);
        Spec = string.Join(" + ", parts.Select(p => $"{p.Count} of {p.Part.Spec}"));
    }

    public string Spec { get; }

    public ImageShape Shape => _parts[0].Part.Shape;

    public long? Count { get; }

    public string SampleName(long index)
    {
        var (part, local) = Locate(index);
        return $"{part.Spec}/{part.SampleName(local)}";
    }

    public JsonObject? Labels(long index)
    {
        var (part, local) = Locate(index);
        return part.Labels(local);
    }

    public void ReadImage(long index, Span<float> destination)
    {
        var (part, local) = Locate(index);
        part.ReadImage(local, destination);
    }

    (IDataset Part, long Index) Locate(long index)
    {
        long local = index;
        foreach (var (part, count) in _parts)
        {
            if (local >= 0 && local < count) return (part, local);
            local -= count;
        }
        throw new ArgumentOutOfRangeException(nameof(index), $"{Spec} has no sample {index}");
    }
}
