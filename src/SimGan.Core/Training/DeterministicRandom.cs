namespace SimGan.Core.Training;

/// <summary>
/// xoshiro256** with its state exposed, so a checkpoint can store it and a resumed run draws the same numbers.
/// (System.Random's state cannot be saved.)
/// </summary>
public sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;

    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    private DeterministicRandom(ulong[] state) { s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3]; }

    public ulong[] State => [s0, s1, s2, s3];

    public static DeterministicRandom FromState(ulong[] state)
    {
        if (state.Length != 4 || state.All(v => v == 0)) throw new ArgumentException("invalid random state");
        return new DeterministicRandom(state);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong bound = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>k distinct integers from [0, n) (partial Fisher–Yates).</summary>
    public int[] Choose(int k, int n)
    {
        if (k > n) throw new ArgumentOutOfRangeException(nameof(k), "cannot choose more than there are");
        var all = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = i + NextInt(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..k];
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
