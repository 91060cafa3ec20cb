using System.Diagnostics;

namespace SimGan.Admin.Tests.Support;

/// <summary>Runs the built <c>simgan</c> program (src/SimGan.Cli's output, same configuration as these tests) in a child process.</summary>
public static class SimganCli
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string Program
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "SimGan.Cli", "bin", Configuration, "net10.0", "simgan.dll");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("simgan.dll is not built above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The caller's environment must not leak a token into tests that check what happens without one.
        start.Environment.Remove(Admin.Client.AdminClient.TokenVariable);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"simgan {string.Join(' ', args)} did not finish within a minute");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Outcome> RunAsync(params string[] args) => RunAsync(null, args);
}
