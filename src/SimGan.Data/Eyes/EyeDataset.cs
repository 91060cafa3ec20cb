using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;

namespace SimGan.Data.Eyes;

/// <summary>
/// eyes-synthetic, eyes-real and eyes-rendered: image i is rendered from a random stream seeded by (seed, domain, i), so it is the same
/// on every call, thread and machine. Endless when <see cref="Count"/> is null. Thread-safe.
/// </summary>
public sealed class EyeDataset : IDataset
{
    readonly ulong _seed;

    /// <param name="namesSeed">Whether <see cref="Spec"/> carries the seed (<c>?seed=S</c>), so that the spec alone
    /// reopens these images whatever seed the command that reads it would pass.</param>
    public EyeDataset(EyeDomain domain, long? count, ulong seed, int height = DatasetOptions.EyeHeight, int width = DatasetOptions.EyeWidth,
                      bool namesSeed = false)
    {
        if (count is <= 0) throw new DatasetException($"{domain.Name()}: the count must be positive, not {count}");
        if (height is < 8 or > DatasetOptions.MaxSide || width is < 8 or > DatasetOptions.MaxSide)
            throw new DatasetException($"{domain.Name()}: size {height}x{width} is out of range; use sides between 8 and {DatasetOptions.MaxSide}");
        Domain = domain;
        Count = count;
        _seed = seed;
        Shape = new ImageShape(1, height, width);
        Spec = (count is long n ? $"{domain.Name()}:{n}" : domain.Name()) + (namesSeed ? $"?seed={seed}" : "");
    }

    public EyeDomain Domain { get; }

    /// <summary>What this domain's eyes are drawn from (<see cref="EyeProportions.For"/>).</summary>
    public EyeProportions Proportions => EyeProportions.For(Domain);

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count { get; }

    public string SampleName(long index) => $"{index:D6}.png";

    public EyeGeometry Geometry(long index)
    {
        var random = RandomFor(index);
        return EyeGeometry.Sample(ref random, Shape.Height, Shape.Width, Proportions);
    }

    public JsonObject? Labels(long index) => EyeLabels.For(Geometry(index));

    public void ReadImage(long index, Span<float> destination)
    {
        if (destination.Length != Shape.Pixels)
            throw new ArgumentException($"destination holds {destination.Length} floats, the image has {Shape.Pixels}");
        var random = RandomFor(index);
        var eye = EyeGeometry.Sample(ref random, Shape.Height, Shape.Width, Proportions);
        switch (Domain)
        {
            case EyeDomain.Synthetic:
                SyntheticEyeRenderer.Render(eye, SyntheticLook.Sample(ref random, Shape.Height), destination);
                break;
            case EyeDomain.Real:
                CameraEyeRenderer.Render(eye, CameraLook.Sample(ref random, Shape.Height), destination);
                break;
            default:
                RenderedEyeRenderer.Render(eye, RenderedLook.Sample(ref random, Shape.Height), destination);
                break;
        }
    }

    SampleRandom RandomFor(long index)
    {
        if (index < 0 || index >= (Count ?? long.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(index), $"{Spec} has no image {index}");
        return SampleRandom.For(_seed, Domain.Name(), index);
    }
}
