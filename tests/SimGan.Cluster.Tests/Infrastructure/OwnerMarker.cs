namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Records which test process made a resource that outlives it if that process crashes (a namespace, a server).
/// The machine is shared: another worktree's test run may be live at the same moment, so "clean up stale leftovers"
/// must spare whatever a running process owns. A pid alone can be reused after a crash, so the process start time
/// (field 22 of /proc/PID/stat) is recorded with it.
/// </summary>
public static class OwnerMarker
{
    public static void Write(string path) =>
        File.WriteAllText(path, $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}");

    /// <summary>True if the marker exists and the process that wrote it is still running.</summary>
    public static bool IsLive(string path)
    {
        string[] parts;
        try { parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries); }
        catch (IOException) { return false; }
        return parts.Length == 2 && int.TryParse(parts[0], out var pid) && StartTime(pid) is { } started && started == parts[1];
    }

    static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
