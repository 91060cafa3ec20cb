using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;

namespace SimGan.Evaluation.Tests.TestData;

/// <summary>
/// A stand-in for a refined set: the same images, labels and order as its source, with deterministic per-image
/// noise added (what a refiner that learned "real cameras are noisy" would do).
/// </summary>
public sealed class NoisyCopy(IDataset source, float amplitude) : IDataset
{
    public ImageShape Shape => source.Shape;

    public long? Count => source.Count;

    public string Spec => $"noisy-copy:{source.Spec}";

    public string SampleName(long index) => source.SampleName(index);

    public JsonObject? Labels(long index) => source.Labels(index);

    public void ReadImage(long index, Span<float> destination)
    {
        source.ReadImage(index, destination);
        var random = new Random(unchecked((int)index * 7 + 11));
        for (int p = 0; p < destination.Length; p++)
            destination[p] = Math.Clamp(destination[p] + amplitude * (float)(random.NextDouble() * 2 - 1), 0f, 1f);
    }
}
