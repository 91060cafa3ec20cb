using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Eyes;

namespace SimGan.Data.Datasets;

/// <summary>
/// <c>equalize:SPEC</c>: another dataset with every image histogram-equalised per channel, as MPIIGaze preprocesses its
/// patches (8-bit, OpenCV's equalizeHist). Names and labels are the inner set's.
/// </summary>
/// <remarks>
/// The fair baseline for a refiner whose output stage equalises (RefinerSpec.EqualizeOutput): the synthetic images
/// through that same fixed stage and nothing learnt, so that a comparison measures what the network adds. Also how
/// one would feed simulator renders to a model trained on equalised real patches.
/// </remarks>
public sealed class EqualizedDataset(IDataset inner) : IDataset
{
    public const string Scheme = "equalize";

    public IDataset Inner { get; } = inner;

    public string Spec => $"{Scheme}:{Inner.Spec}";

    public ImageShape Shape => Inner.Shape;

    public long? Count => Inner.Count;

    public string SampleName(long index) => Inner.SampleName(index);

    public JsonObject? Labels(long index) => Inner.Labels(index);

    public void ReadImage(long index, Span<float> destination)
    {
        Inner.ReadImage(index, destination);
        int plane = Shape.Height * Shape.Width;
        for (int channel = 0; channel < Shape.Channels; channel++)
            CameraEffects.EqualizeHistogram(destination.Slice(channel * plane, plane));
    }
}
