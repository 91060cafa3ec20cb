using System.Text.Json.Nodes;
using SimGan.Core.Images;

namespace SimGan.Data.Datasets;

/// <summary>
/// Lets training go on past bad samples: a sample that throws <see cref="BadSampleException"/> is recorded and
/// replaced by the next good one (index + 1, + 2, … wrapping around), so the same index always yields the same image.
/// Once more than <see cref="MaxBadFraction"/> of the set is bad it stops with a <see cref="DatasetException"/>;
/// in strict mode the first bad sample stops it. Thread-safe.
/// </summary>
public sealed class SkippingDataset(IDataset inner, bool strict, double maxBadFraction = 0.01) : IDataset
{
    readonly object _gate = new();
    readonly Dictionary<long, string> _bad = [];

    public IDataset Inner => inner;

    public bool Strict => strict;

    public double MaxBadFraction => maxBadFraction;

    public string Spec => inner.Spec;

    public ImageShape Shape => inner.Shape;

    public long? Count => inner.Count;

    /// <summary>The bad samples met so far, as "file: problem", in index order.</summary>
    public IReadOnlyList<string> BadSamples
    {
        get { lock (_gate) return _bad.OrderBy(pair => pair.Key).Select(pair => pair.Value).ToList(); }
    }

    /// <summary>Writes the bad-sample list (one per line) for the run folder.</summary>
    public void WriteBadSampleList(string path) => File.WriteAllLines(path, BadSamples);

    public string SampleName(long index) => inner.SampleName(index);

    public JsonObject? Labels(long index)
    {
        try
        {
            return inner.Labels(index);
        }
        catch (BadSampleException e)
        {
            Record(index, e);
            return null;
        }
    }

    public void ReadImage(long index, Span<float> destination)
    {
        long count = inner.Count ?? long.MaxValue;
        for (long attempt = 0; attempt < count; attempt++)
        {
            long candidate = (index + attempt) % count;
            if (IsKnownBad(candidate)) continue;
            try
            {
                inner.ReadImage(candidate, destination);
                return;
            }
            catch (BadSampleException e)
            {
                Record(candidate, e);
            }
        }
        throw new DatasetException($"{Spec}: every sample is bad; check the files");
    }

    bool IsKnownBad(long index)
    {
        lock (_gate) return _bad.ContainsKey(index);
    }

    void Record(long index, BadSampleException e)
    {
        if (strict)
            throw new DatasetException($"bad sample {e.Message} (strict mode stops at the first; fix or remove it)", e);
        int bad;
        lock (_gate)
        {
            _bad.TryAdd(index, e.Message);
            bad = _bad.Count;
        }
        if (inner.Count is long n && bad > maxBadFraction * n)
            throw new DatasetException(
                $"{Spec}: {bad} of {n} samples are bad, over the {maxBadFraction:P1} limit (last: {e.Message}); fix the files or raise the limit", e);
    }
}
