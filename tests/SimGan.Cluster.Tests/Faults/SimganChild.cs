using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SimGan.Cli.Tests;

namespace SimGan.Cluster.Tests.Faults;

/// <summary>
/// A long-running simgan process (a driver or a worker node) for fault tests: stdout and stderr are read as they
/// come, every wait has a deadline, and the process is killed (SIGKILL) when the test lets go of it, whatever
/// happened. A wait that runs out throws with everything the process printed, so a hang fails the test with a story.
/// </summary>
public sealed class SimganChild : IDisposable
{
    readonly Process process;
    readonly StringBuilder stdout = new(), stderr = new(), all = new();
    readonly object gate = new();
    int openStreams = 2;

    public string Name { get; }

    public int Pid => process.Id;

    SimganChild(string name, IEnumerable<string> args)
    {
        Name = name;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(SimganProcess.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // OpenMP threads that spin while waiting starve the other processes on a small machine.
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Arguments = string.Join(' ', args);
    }

    public string Arguments { get; }

    public static SimganChild Start(string name, params string[] args) => new(name, args);

    public string Stdout { get { lock (gate) return stdout.ToString(); } }

    public string Stderr { get { lock (gate) return stderr.ToString(); } }

    /// <summary>Everything printed so far, both streams interleaved by arrival.</summary>
    public string Output { get { lock (gate) return all.ToString(); } }

    public bool HasExited => process.HasExited;

    void Append(StringBuilder stream, string? line)
    {
        lock (gate)
        {
            if (line is null) openStreams--;
            else
            {
                stream.AppendLine(line);
                all.AppendLine(line);
            }
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; throws if time runs out or the process ends first.</summary>
    public void WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (!all.ToString().Contains(text, StringComparison.Ordinal))
            {
                if (openStreams == 0)
                    throw new InvalidOperationException($"{Name} ended without printing '{text}'\n{Describe()}");
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"{Name} did not print '{text}' within {timeout}\n{Describe()}");
                Monitor.Wait(gate, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 200)));
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polled); throws with the output if time runs out.</summary>
    public void WaitUntil(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name}: {what} did not happen within {timeout}\n{Describe()}");
            if (process.HasExited && !condition()) throw new InvalidOperationException($"{Name} exited before {what}\n{Describe()}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits for the process to exit and its output to be complete; returns the exit code; throws (after killing it) on timeout.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"{Name} did not exit within {timeout}\n{Describe()}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (gate)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (openStreams > 0 && DateTime.UtcNow < deadline) Monitor.Wait(gate, 100);
        }
        return process.ExitCode;
    }

    /// <summary>Sends a signal with kill(1): "KILL" (no goodbye) or "TERM" (graceful leave).</summary>
    public void Signal(string signal)
    {
        if (process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit(5000);
    }

    /// <summary>SIGKILL and wait until it is gone.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit(10_000);
    }

    public string Describe() => $"--- {Name}: simgan {Arguments}\n--- exit: {(process.HasExited ? process.ExitCode.ToString() : "running")}\n--- output:\n{Output}";

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    /// <summary>A TCP port the OS says is free right now (bound to port 0, read, closed).</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
