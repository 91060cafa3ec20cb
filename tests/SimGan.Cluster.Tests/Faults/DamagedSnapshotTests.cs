using Microsoft.Data.Sqlite;
using SimGan.Cli.Tests;
using static SimGan.Cluster.Tests.Faults.RealClusterRuns;

namespace SimGan.Cluster.Tests.Faults;

/// <summary>A damaged newest snapshot in the store is passed over with a warning; the one before it is used.</summary>
[Collection(RealClusterRuns.Name)]
public sealed class DamagedSnapshotTests(ReferenceRuns reference) : IDisposable
{
    readonly string root = SimganProcess.Temp();

    /// <summary>Rewrites the newest coordinator snapshot's payload; returns its sequence number.</summary>
    static long Damage(string run, Func<byte[], byte[]> damage)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(run, "cluster.db")};Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT persistence_id, sequence_nr, payload FROM snapshot WHERE persistence_id LIKE 'simgan-coordinator-%' ORDER BY sequence_nr DESC LIMIT 1";
        string id;
        long sequenceNr;
        byte[] payload;
        using (var reader = select.ExecuteReader())
        {
            Assert.True(reader.Read(), "no coordinator snapshot in the store");
            (id, sequenceNr, payload) = (reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2));
        }
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE snapshot SET payload = $payload WHERE persistence_id = $id AND sequence_nr = $nr";
        update.Parameters.AddWithValue("$payload", damage(payload));
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$nr", sequenceNr);
        Assert.Equal(1, update.ExecuteNonQuery());
        return sequenceNr;
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    public void Resume_passes_over_a_damaged_newest_snapshot(string how)
    {
        var expected = reference.CheckpointAt(80);
        var run = Path.Combine(root, how);
        var first = SimganProcess.Run(RunTimeout, ["train", .. Tiny(60), "--d-slices", "2", "--admin-port", "0", "--out", run]);
        Assert.True(first.ExitCode == 0, first.ToString());

        long damaged = Damage(run, payload => how == "flipped"
            ? payload.Select((b, i) => i == payload.Length / 2 ? (byte)~b : b).ToArray()
            : payload[..(payload.Length / 2)]);

        var resumed = SimganProcess.Run(RunTimeout, ["train", "--out", run, "--resume", "--steps", "80", "--admin-port", "0", "--quiet"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("trying the snapshot before it", resumed.Stderr);
        Assert.Contains($"snapshot {damaged}", resumed.Stderr);
        AssertSameFile(expected, Checkpoint(run, 80), $"resumed past a {how} snapshot");
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
