using System.Diagnostics;
using System.Text;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Collects a started process's stdout and stderr as they come. Reading both is not optional: a child whose pipe
/// fills up blocks on its next write, and a node that blocks on logging looks like a network fault. Tests wait on
/// a line ("joined", "listening") with <see cref="WaitFor"/> instead of sleeping.
/// </summary>
public sealed class ProcessOutput
{
    readonly StringBuilder text = new();
    readonly object gate = new();
    int openStreams = 2;

    public ProcessOutput(Process process)
    {
        // Process.WaitForExit(timeout) does not wait for the last lines to arrive; null data is a stream's end.
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far, stdout and stderr interleaved by arrival.</summary>
    public string Text { get { lock (gate) return text.ToString(); } }

    /// <summary>Waits until the output contains <paramref name="expected"/>; false if the time runs out first.</summary>
    public bool WaitFor(string expected, TimeSpan timeout) =>
        WaitUntil(() => text.ToString().Contains(expected, StringComparison.Ordinal), timeout);

    /// <summary>
    /// Waits until both streams have ended (the process and any child that inherited them are gone), so that
    /// <see cref="Text"/> is complete; false if the time runs out first.
    /// </summary>
    public bool WaitForEnd(TimeSpan timeout) => WaitUntil(() => openStreams == 0, timeout);

    bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (!condition())
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(gate, left);
            }
            return true;
        }
    }

    void Append(string? line)
    {
        lock (gate)
        {
            if (line is null) openStreams--;
            else text.AppendLine(line);
            Monitor.PulseAll(gate);
        }
    }
}
