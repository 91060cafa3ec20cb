using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Infrastructure;
using SimGan.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace SimGan.Cluster.Tests.Persistence;

/// <summary>The cluster engine with its journal and snapshots in PostgreSQL (`--persistence postgres:...`), real processes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPersistenceTests(PostgresServer server, ITestOutputHelper log) : IDisposable
{
    static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);
    readonly string root = SimganProcess.Temp();

    [Fact]
    public async Task A_driver_killed_after_its_first_snapshot_resumes_from_postgres_to_the_checkpoint_of_an_uninterrupted_run()
    {
        var clock = Stopwatch.StartNew();
        string reference = Path.Combine(root, "sqlite"), run = Path.Combine(root, "postgres");
        var connection = server.CreateDatabase($"resume_{Guid.NewGuid():N}"[..20]);
        string[] quiet = ["--quiet", "--admin-port", "0"];

        var uninterrupted = SimganChild.Run(RunLimit, [.. TinyTraining.Args(60), "--out", reference, .. quiet]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Output);

        using (var driver = SimganChild.Start([.. TinyTraining.Args(60), "--out", run, "--persistence", "postgres:" + connection, .. quiet]))
        {
            Assert.True(TinyTraining.Eventually(() => File.Exists(TinyTraining.Checkpoint(run, 20)) || driver.Process.HasExited, RunLimit, TimeSpan.FromMilliseconds(20)),
                "no first checkpoint:\n" + driver.Output.Text);
            Assert.False(driver.Process.HasExited, "the driver ended before it could be killed:\n" + driver.Output.Text);
            driver.Kill();
        }
        Assert.False(File.Exists(TinyTraining.Checkpoint(run, 60)), "the run had finished before the kill; nothing was resumed");

        // config.json does not keep the store, so it is given again.
        var resumed = SimganChild.Run(RunLimit, ["train", "--out", run, "--resume", "--persistence", "postgres:" + connection, .. quiet]);
        Assert.True(resumed.ExitCode == 0, resumed.Output);

        Assert.Equal(File.ReadAllBytes(TinyTraining.Checkpoint(reference, 60)), File.ReadAllBytes(TinyTraining.Checkpoint(run, 60)));

        var tables = await Strings(connection, "select table_name from information_schema.tables where table_schema = 'public'");
        log.WriteLine("tables: " + string.Join(", ", tables));
        Assert.Contains("event_journal", tables);
        Assert.Contains("snapshot_store", tables);
        var coordinator = $"simgan-coordinator-{RunId(run)}";
        Assert.True(await Count(connection, "select count(*) from event_journal where persistence_id = @id", coordinator) > 0, "no journal rows for " + coordinator);
        Assert.True(await Count(connection, "select count(*) from snapshot_store where persistence_id = @id", coordinator) > 0, "no snapshot rows for " + coordinator);
        // A buffer shard persists no events, so each of its snapshots (one per checkpoint) replaces the last: one row each.
        var shardRows = await Strings(connection,
            "select persistence_id || '=' || count(*) from snapshot_store where persistence_id like 'simgan-buffer-%' group by persistence_id");
        Assert.NotEmpty(shardRows);
        Assert.All(shardRows, row => Assert.EndsWith("=1", row));
        log.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_closed_port_is_one_line_naming_the_store_and_exit_2_without_the_password()
    {
        var closed = $"Host=127.0.0.1;Port={ClosedPort()};Database=nothing;Username=postgres;Password=hunter2;Timeout=5";

        var result = SimganChild.Run(RunLimit, [.. TinyTraining.Args(40), "--out", Path.Combine(root, "closed"), "--persistence", "postgres:" + closed, "--quiet", "--admin-port", "0"]);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("simgan: cannot open the snapshot store", result.Output);
        Assert.DoesNotContain("hunter2", result.Output);
    }

    [Fact]
    public void Credentials_the_server_refuses_are_one_line_naming_the_store_and_exit_2()
    {
        // The private server trusts every local login, so a role that does not exist is what it refuses.
        var stranger = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = "no_such_role", Password = "wrong" }.ConnectionString;

        var result = SimganChild.Run(RunLimit, [.. TinyTraining.Args(40), "--out", Path.Combine(root, "refused"), "--persistence", "postgres:" + stranger, "--quiet", "--admin-port", "0"]);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("simgan: cannot open the snapshot store", result.Output);
        Assert.Contains("no_such_role", result.Output);
    }

    [Fact]
    public void After_a_store_that_cannot_be_opened_the_same_command_with_a_good_store_starts_the_run()
    {
        var run = Path.Combine(root, "retry");
        var bad = $"Host=127.0.0.1;Port={ClosedPort()};Database=nothing;Username=postgres;Timeout=5";
        var failed = SimganChild.Run(RunLimit, [.. TinyTraining.Args(20), "--out", run, "--persistence", "postgres:" + bad, "--quiet", "--admin-port", "0"]);
        Assert.True(failed.ExitCode == 2, failed.Output);

        var good = server.CreateDatabase($"retry_{Guid.NewGuid():N}"[..20]);
        var retried = SimganChild.Run(RunLimit, [.. TinyTraining.Args(20), "--out", run, "--persistence", "postgres:" + good, "--quiet", "--admin-port", "0"]);

        Assert.True(retried.ExitCode == 0, retried.Output);
    }

    static string RunId(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))).RootElement.GetProperty("run_id").GetString()!;

    static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port; // closed again when the probe is disposed
    }

    static async Task<List<string>> Strings(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    static async Task<long> Count(string connectionString, string sql, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { /* a killed child may still hold a file */ }
    }
}
