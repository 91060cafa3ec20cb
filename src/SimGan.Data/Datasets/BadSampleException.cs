namespace SimGan.Data.Datasets;

/// <summary>One sample cannot be read: names the file (or file and entry) and what is wrong with it.</summary>
public sealed class BadSampleException(string sample, string problem, Exception? inner = null)
    : Exception($"{sample}: {problem}", inner)
{
    /// <summary>The file, or file and entry, that is bad.</summary>
    public string Sample { get; } = sample;

    public string Problem { get; } = problem;
}
