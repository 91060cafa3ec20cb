using System.ComponentModel;
using System.Diagnostics;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Runs a helper program (ip, pg_ctl, runuser, chown) to completion under a time limit. Test infrastructure must
/// never hang a CI run, and when a step fails the message has to say which command it was and what it printed.
/// </summary>
public static class BoundedCommand
{
    public sealed record Result(string Command, int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs the command; a non-zero exit is returned, not thrown. Throws on timeout or if it cannot start.</summary>
    public static Result Run(TimeSpan timeout, string fileName, params IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            // The test's working directory may sit under /root, where runuser'd commands cannot even stat it.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        var command = Describe(fileName, info.ArgumentList);
        Process process;
        try { process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start `{command}`"); }
        catch (Win32Exception e) { throw new InvalidOperationException($"cannot start `{command}`: {e.Message}", e); }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* exited meanwhile */ }
                Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(2));
                throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds:0} s; stderr: {Text(stderr).Trim()}");
            }
            // A daemon it started (pg_ctl start) may inherit the pipes and hold them open: don't wait on that for ever.
            Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
            return new Result(command, process.ExitCode, Text(stdout), Text(stderr));
        }
    }

    /// <summary>Runs the command and throws, naming it and quoting its stderr, unless it exits 0.</summary>
    public static Result Check(TimeSpan timeout, string fileName, params IEnumerable<string> args)
    {
        var result = Run(timeout, fileName, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"`{result.Command}` exited {result.ExitCode}: {(result.Stderr.Trim() is { Length: > 0 } e ? e : result.Stdout.Trim())}");
        return result;
    }

    static string Text(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : "";

    static string Describe(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(a => a.Length == 0 || a.Contains(' ') ? $"'{a}'" : a));
}
