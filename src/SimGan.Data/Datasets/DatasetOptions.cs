namespace SimGan.Data.Datasets;

/// <summary>How to open a dataset spec.</summary>
/// <param name="Seed">Seeds the built-in generators (each image depends only on seed and index).</param>
/// <param name="Height">Target image height; null takes the scheme's default (35 for eyes, 224 for nyu-hand).</param>
/// <param name="Width">Target image width; null takes the scheme's default (55 for eyes, 224 for nyu-hand).</param>
/// <param name="Channels">1 (grayscale, the eye sets) or 3 (RGB); file images are converted to it.</param>
/// <param name="Strict">Stop at the first bad sample instead of skipping it.</param>
/// <param name="MaxBadFraction">With Strict off, the fraction of bad samples past which reading stops.</param>
public sealed record DatasetOptions(
    ulong Seed = 0,
    int? Height = null,
    int? Width = null,
    int Channels = 1,
    bool Strict = false,
    double MaxBadFraction = 0.01)
{
    public const int EyeHeight = 35;
    public const int EyeWidth = 55;
    public const int HandSize = 224;

    /// <summary>Largest side accepted for a target size; guards against typos that would allocate gigabytes.</summary>
    public const int MaxSide = 4096;

    public static DatasetOptions Default { get; } = new();
}
