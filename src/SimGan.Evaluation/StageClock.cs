using System.Diagnostics;

namespace SimGan.Evaluation;

/// <summary>Runs an evaluation's stages one by one, reporting each one's progress by name and keeping its duration.</summary>
public sealed class StageClock(Action<string, double>? progress)
{
    readonly Dictionary<string, double> _seconds = new();

    /// <summary>Seconds each stage took, by name.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public T Run<T>(string name, Func<Action<double>, T> work)
    {
        var clock = Stopwatch.StartNew();
        progress?.Invoke(name, 0);
        T result = work(fraction => progress?.Invoke(name, fraction));
        progress?.Invoke(name, 1);
        _seconds[name] = clock.Elapsed.TotalSeconds;
        return result;
    }
}
