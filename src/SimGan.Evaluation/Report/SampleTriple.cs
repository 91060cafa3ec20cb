using SimGan.Core.Images;

namespace SimGan.Evaluation.Report;

/// <summary>A synthetic image, its refined version and a real image, as PNGs (the real one is not a pair, just a reference).</summary>
public sealed record SampleTriple(byte[] SyntheticPng, byte[] RefinedPng, byte[] RealPng)
{
    /// <summary>The first <paramref name="count"/> synthetic/refined pairs next to the first real images.</summary>
    public static IReadOnlyList<SampleTriple> Take(IImageSource synthetic, IImageSource refined, IImageSource real, int count)
    {
        long available = new[] { synthetic.Count, refined.Count, real.Count }.Min(c => c ?? long.MaxValue);
        int n = (int)Math.Min(count, available);
        var triples = new List<SampleTriple>(n);
        for (int i = 0; i < n; i++)
            triples.Add(new SampleTriple(Png(synthetic, i), Png(refined, i), Png(real, i)));
        return triples;
    }

    static byte[] Png(IImageSource source, long index)
    {
        var pixels = new float[source.Shape.Pixels];
        source.ReadImage(index, pixels);
        return Data.Imaging.PngImage.Encode(pixels, source.Shape);
    }
}
