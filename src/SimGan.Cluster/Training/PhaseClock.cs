using System.Diagnostics;

namespace SimGan.Cluster.Training;

/// <summary>
/// Where a run's wall-clock time goes, phase by phase: the coordinator switches phases as it waits for or computes
/// things, and the totals answer "compute, serialization or waiting?" for docs/scaling.md.
/// </summary>
public sealed class PhaseClock
{
    private readonly Dictionary<string, double> seconds = new();
    private readonly Stopwatch watch = new();
    private string? current;

    /// <summary>Ends the current phase (if any) and starts <paramref name="phase"/>.</summary>
    public void Enter(string phase)
    {
        Stop();
        current = phase;
        watch.Restart();
    }

    public void Stop()
    {
        if (current is null) return;
        seconds[current] = seconds.GetValueOrDefault(current) + watch.Elapsed.TotalSeconds;
        current = null;
    }

    public void Add(string phase, double value) => seconds[phase] = seconds.GetValueOrDefault(phase) + value;

    public IReadOnlyDictionary<string, double> Totals => seconds;
}
