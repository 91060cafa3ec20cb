using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;

namespace SimGan.Evaluation.Tests.TestData;

/// <summary>Another set's images under other labels: how a user's real photographs look when they carry none, or only some.</summary>
public sealed class Relabelled(IDataset source, Func<long, JsonObject?> labels) : IDataset
{
    /// <summary>The images of <paramref name="source"/> with no labels at all, as a folder without labels.jsonl opens.</summary>
    public static Relabelled WithoutLabels(IDataset source) => new(source, _ => null);

    public ImageShape Shape => source.Shape;

    public long? Count => source.Count;

    public string Spec => $"relabelled:{source.Spec}";

    public string SampleName(long index) => source.SampleName(index);

    public JsonObject? Labels(long index) => labels(index);

    public void ReadImage(long index, Span<float> destination) => source.ReadImage(index, destination);
}
