namespace SimGan.Core.Images;

/// <summary>
/// What training needs from a dataset: images by index, nothing else. Labels stay in the data layer, because the
/// refiner must never see them. Indices are stable, so (seed, step) fixes the data a step sees.
/// </summary>
public interface IImageSource
{
    ImageShape Shape { get; }

    /// <summary>Number of images, or null for an endless generator.</summary>
    long? Count { get; }

    /// <summary>Writes image <paramref name="index"/> as channels-first floats in [0, 1].</summary>
    void ReadImage(long index, Span<float> destination);
}
