using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// A private, throwaway PostgreSQL server for one test run: its own data directory under /tmp, trust auth, a free
/// port on 127.0.0.1, fsync off. Tests get a database each from <see cref="CreateDatabase"/>, so they cannot see
/// each other's journals. Shared through the "postgres" collection (<see cref="PostgresCollection"/>).
/// No system server is used or needed: CI starts from a clean machine and installs only the binaries (.ci/run).
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    public const string DefaultDatabase = "simgan_test";
    const string DirPrefix = "simgan-pg-";
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(40);

    string? dir;
    string bin = "";

    public int Port { get; private set; }

    /// <summary>Connection string (Npgsql format) of <see cref="DefaultDatabase"/>.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres",
        // Fail a test in seconds rather than hang it if the server went away.
        Timeout = 10, CommandTimeout = 30,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string. Names: lower-case identifiers.</summary>
    public string CreateDatabase(string name)
    {
        if (!Identifier().IsMatch(name)) throw new ArgumentException($"database name '{name}' is not a plain lower-case identifier", nameof(name));
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return ConnectionStringFor(name);
    }

    public Task InitializeAsync()
    {
        bin = FindBinaries();
        CleanupStale(bin);
        dir = Directory.CreateTempSubdirectory(DirPrefix).FullName;
        try
        {
            OwnerMarker.Write(Path.Combine(dir, "owner"));
            // initdb refuses to run as root, and the server must own its data directory.
            if (Environment.IsPrivilegedProcess) BoundedCommand.Check(CommandLimit, "chown", "postgres:postgres", dir);
            AsServerUser("initdb", "-D", DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
            Start();
            CreateDatabase(DefaultDatabase);
        }
        catch (Exception e)
        {
            var message = $"{e.Message}\nserver log tail:\n{LogTail()}";
            Stop();
            throw new InvalidOperationException($"private PostgreSQL server did not start: {message}", e);
        }
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    string DataDir => Path.Combine(dir!, "data");
    string LogFile => Path.Combine(dir!, "server.log");

    void Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {dir} " +
                // A test server: durability buys nothing and costs time on a 2-core machine. Many cluster nodes each
                // hold a connection pool, so allow more than the default 100 connections.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            var result = AsServerUser(check: false, "pg_ctl", "-D", DataDir, "-l", LogFile, "-w", "-t", $"{StartLimit.TotalSeconds:0}", "-o", options, "start");
            if (result.ExitCode == 0) return;
            // The port was free when probed but another process may have taken it before the server bound it.
            if (attempt < 3 && LogTail().Contains("could not bind")) continue;
            throw new InvalidOperationException($"`{result.Command}` exited {result.ExitCode}: {result.Stderr.Trim()} {result.Stdout.Trim()}");
        }
    }

    void Stop()
    {
        if (dir is null) return;
        // Pooled connections would point at a dead server; the pools are this test run's only.
        NpgsqlConnection.ClearAllPools();
        StopServer(bin, DataDir);
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"PostgresServer: could not delete {dir}: {e.Message}"); }
        dir = null;
    }

    /// <summary>Stops the server in a data directory: pg_ctl's immediate mode, then SIGKILL if that did not work.</summary>
    static void StopServer(string bin, string dataDir)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        try { AsServerUser(bin, check: false, "pg_ctl", "-D", dataDir, "-m", "immediate", "-w", "-t", "10", "stop"); }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException) { Console.Error.WriteLine($"PostgresServer: {e.Message}"); }
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            try
            {
                using var p = Process.GetProcessById(pid);
                // The pid file may be a dead server's, its pid since reused by an unrelated process.
                if (p.ProcessName == "postgres") p.Kill(entireProcessTree: true);
            }
            catch (ArgumentException) { /* already gone */ }
    }

    /// <summary>
    /// Stops and removes servers whose test process died without disposing them (killed run, crashed test host).
    /// Directories without an owner marker are left alone for a minute: their owner may be about to write it.
    /// Servers of runs still going (another worktree on this shared machine) are spared.
    /// </summary>
    public static void CleanupStale() => CleanupStale(FindBinaries());

    static void CleanupStale(string bin)
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), DirPrefix + "*"))
        {
            var marker = Path.Combine(stale, "owner");
            if (OwnerMarker.IsLive(marker)) continue;
            if (!File.Exists(marker) && DateTime.UtcNow - Directory.GetCreationTimeUtc(stale) < TimeSpan.FromMinutes(1)) continue;
            // Sweeping up is a courtesy to the machine: it must never fail this run.
            try
            {
                StopServer(bin, Path.Combine(stale, "data"));
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"PostgresServer: could not remove the stale {stale}: {e.Message}");
            }
        }
    }

    BoundedCommand.Result AsServerUser(params string[] command) => AsServerUser(bin, check: true, command);
    BoundedCommand.Result AsServerUser(bool check, params string[] command) => AsServerUser(bin, check, command);

    /// <summary>Runs a server binary as the `postgres` OS user when we are root (initdb and postgres refuse root).</summary>
    static BoundedCommand.Result AsServerUser(string bin, bool check, params string[] command)
    {
        var program = Path.Combine(bin, command[0]);
        var args = command.Skip(1);
        var (file, all) = Environment.IsPrivilegedProcess
            ? ("runuser", new[] { "-u", "postgres", "--", program }.Concat(args))
            : (program, args);
        return check ? BoundedCommand.Check(CommandLimit, file, all) : BoundedCommand.Run(CommandLimit, file, all);
    }

    /// <summary>The newest /usr/lib/postgresql/VERSION/bin holding initdb and pg_ctl (Debian's layout).</summary>
    static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var found = (Directory.Exists(root) ? Directory.GetDirectories(root) : [])
            .Select(d => (version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, bin: Path.Combine(d, "bin")))
            .Where(c => File.Exists(Path.Combine(c.bin, "initdb")) && File.Exists(Path.Combine(c.bin, "pg_ctl")))
            .OrderByDescending(c => c.version)
            .Select(c => c.bin)
            .FirstOrDefault();
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: run .ci/run or `apt-get install postgresql`");
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    string LogTail()
    {
        try { return dir is null ? "" : string.Join('\n', File.ReadLines(LogFile).TakeLast(20)); }
        catch (IOException) { return "(no server log)"; }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
