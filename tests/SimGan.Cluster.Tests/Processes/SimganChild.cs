using System.Diagnostics;
using System.Text.RegularExpressions;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Infrastructure;

namespace SimGan.Cluster.Tests.Processes;

/// <summary>
/// A real `simgan` process started by a test (a driver or worker that runs for a while), its output collected as it
/// comes. Every wait is bounded; Dispose kills it (SIGKILL) with its children if it is still running.
/// </summary>
public sealed class SimganChild : IDisposable
{
    /// <summary>Environment every child gets: OpenMP spinning threads starve the other processes on 2 cores.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuietThreads = new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" };

    SimganChild(Process process, ProcessOutput output, string description)
    {
        Process = process;
        Output = output;
        Description = description;
    }

    public Process Process { get; }
    public ProcessOutput Output { get; }
    public string Description { get; }

    public static SimganChild Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SimganProcess.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in QuietThreads.Concat(env ?? new Dictionary<string, string>())) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet simgan.dll");
        return new SimganChild(process, new ProcessOutput(process), "simgan " + string.Join(' ', args));
    }

    /// <summary>Runs simgan to its end (bounded) and returns its exit code; the output is in <see cref="Output"/>.</summary>
    public static (int ExitCode, string Output) Run(TimeSpan timeout, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        using var child = Start(args, env);
        if (!child.WaitForExit(timeout)) throw new TimeoutException($"{child.Description} did not finish within {timeout}:\n{child.Output.Text}");
        return (child.Process.ExitCode, child.Output.Text);
    }

    /// <summary>Waits for the process to exit and for its output to be complete; false if the time runs out.</summary>
    public bool WaitForExit(TimeSpan timeout) => Process.WaitForExit(timeout) && Output.WaitForEnd(TimeSpan.FromSeconds(10));

    /// <summary>Waits until the output matches <paramref name="pattern"/> and returns the match; throws with the output on timeout or exit.</summary>
    public Match WaitForMatch(Regex pattern, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var match = pattern.Match(Output.Text);
            if (match.Success) return match;
            if (Process.HasExited && Output.WaitForEnd(TimeSpan.FromSeconds(2)) && !pattern.IsMatch(Output.Text))
                throw new InvalidOperationException($"{Description} exited {Process.ExitCode} before printing /{pattern}/:\n{Output.Text}");
            Thread.Sleep(100);
        }
        throw new TimeoutException($"{Description} did not print /{pattern}/ within {timeout}:\n{Output.Text}");
    }

    /// <summary>SIGKILL, no goodbye: what a crashed machine or the OOM killer does.</summary>
    public void Kill()
    {
        try { Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* exited meanwhile */ }
        Process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Kill();
        Process.Dispose();
    }
}

/// <summary>The tiny training configuration of cluster-facts.md (a few seconds per 40 steps here).</summary>
public static class TinyTraining
{
    public static string[] Args(int steps) =>
    [
        "train", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--preset", "cpu-gaze", "--steps", steps.ToString(),
        "--pretrain-r-steps", "10", "--pretrain-d-steps", "5", "--k-g", "1", "--batch-size", "8", "--buffer-size", "16",
        "--checkpoint-every", "20",
    ];

    public static string Checkpoint(string run, int step) => Path.Combine(run, "checkpoints", $"step-{step:D9}.sgck");

    /// <summary>Polls until <paramref name="condition"/> holds; false if the time runs out first.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; Thread.Sleep(every ?? TimeSpan.FromMilliseconds(100)))
            if (condition()) return true;
        return condition();
    }
}
