using SimGan.Core.Images;

namespace SimGan.Data.Eyes;

/// <summary>
/// A SplitMix64 stream owned by one sample. Seeding it from (seed, domain, index) makes every image reproducible on
/// its own, so any worker can render any index in any order.
/// </summary>
public struct SampleRandom(ulong state)
{
    ulong _state = state;

    public static SampleRandom For(ulong seed, string domain, long index) =>
        new(BatchPlan.Mix(BatchPlan.Mix(seed ^ BatchPlan.StableHash(domain)) + (ulong)index));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public float Uniform(double low, double high) => (float)(low + (high - low) * NextDouble());

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box–Muller; one value per call keeps the stream's consumption easy to reason about.</summary>
    public float Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
