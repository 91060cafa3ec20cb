namespace SimGan.Core.Images;

/// <summary>
/// Which images make up batch k of a stream, as a pure function of (seed, stream, k). A resumed run or another
/// node asking for the same batch gets the same images, without replaying earlier batches.
/// </summary>
public sealed class BatchPlan
{
    readonly ulong _seed;
    readonly long? _count;

    public BatchPlan(ulong seed, string stream, int batchSize, long? count)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be positive");
        if (count is <= 0) throw new ArgumentException("the dataset is empty", nameof(count));
        _seed = Mix(seed ^ StableHash(stream));
        _count = count;
        BatchSize = batchSize;
    }

    public int BatchSize { get; }

    /// <summary>
    /// Finite sets: every epoch is a fresh permutation, so each image is seen once per epoch. Endless generators:
    /// consecutive indices (the generator itself is seeded per index).
    /// </summary>
    public long[] IndicesFor(long batchNumber)
    {
        var indices = new long[BatchSize];
        for (int i = 0; i < BatchSize; i++)
        {
            long position = batchNumber * BatchSize + i;
            indices[i] = _count is long n ? Permute(position / n, position % n, n) : position;
        }
        return indices;
    }

    /// <summary>
    /// Position p of epoch e's permutation of [0, n): a keyed Feistel-style bijection with cycle walking, so no
    /// permutation table is ever stored.
    /// </summary>
    long Permute(long epoch, long p, long n)
    {
        ulong key = Mix(_seed + (ulong)epoch * 0x9E3779B97F4A7C15UL);
        int bits = 2;
        while ((1L << bits) < n) bits++;
        if ((bits & 1) == 1) bits++;
        int half = bits / 2;
        ulong mask = (1UL << half) - 1;
        ulong x = (ulong)p;
        do
        {
            ulong left = x >> half, right = x & mask;
            for (int round = 0; round < 4; round++)
            {
                ulong f = Mix(right ^ key ^ ((ulong)round << 56)) & mask;
                (left, right) = (right, left ^ f);
            }
            x = (left << half) | right;
        } while (x >= (ulong)n);
        return (long)x;
    }

    /// <summary>SplitMix64 finaliser: a cheap, well-mixed 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong StableHash(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }
}
