using Microsoft.Data.Sqlite;
using SimGan.Cli.Tests;

namespace SimGan.Cluster.Tests.Faults;

/// <summary>
/// The tests that start real simgan processes run one at a time (the machine has two cores) and share the
/// uninterrupted reference runs, which the local engine makes once per step count.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealClusterRuns : ICollectionFixture<ReferenceRuns>
{
    public const string Name = "real simgan processes";

    /// <summary>A tiny run: a few seconds per 40 steps, with a checkpoint (and a cluster snapshot) every 20 steps.</summary>
    public static string[] Tiny(int steps) =>
    [
        "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--preset", "cpu-gaze", "--steps", steps.ToString(),
        "--pretrain-r-steps", "10", "--pretrain-d-steps", "5", "--k-g", "1", "--batch-size", "8", "--buffer-size", "16",
        "--checkpoint-every", "20", "--quiet",
        // Every equivalence, resume and fault run also checks that augmentation is drawn identically wherever slices run,
        // and cuts R's steps as D's (without this the cluster would cut them into --workers slices, the local engine into 1).
        "--augment", "all", "--r-slices", "2",
    ];

    /// <summary>Notice a lost node in seconds rather than the production defaults' tens of seconds.</summary>
    public static readonly string[] FastFailureDetection =
    [
        "--set", "akka.cluster.split-brain-resolver.stable-after=3s",
        "--set", "akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
        "--set", "simgan.training.slice-timeout=5s",
        "--set", "simgan.join-timeout=20s",
    ];

    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(150);

    public static string Checkpoint(string run, int step) => Path.Combine(run, "checkpoints", $"step-{step:D9}.sgck");

    /// <summary>A driver (refiner, feeder, buffer) that is its own seed, waiting for discriminator workers.</summary>
    public static SimganChild StartDriver(string run, int port, int steps, int discriminators, params string[] extra) =>
        SimganChild.Start("driver",
        [
            "train", .. Tiny(steps), "--out", run, "--port", port.ToString(), "--seeds", $"127.0.0.1:{port}",
            "--discriminators", discriminators.ToString(), "--admin-port", "0", "--verbose", .. FastFailureDetection, .. extra,
        ]);

    /// <summary>The same driver continuing its run from the store.</summary>
    public static SimganChild ResumeDriver(string run, int port, int discriminators, params string[] extra) =>
        SimganChild.Start("resumed driver",
        [
            "train", "--out", run, "--resume", "--quiet", "--port", port.ToString(), "--seeds", $"127.0.0.1:{port}",
            "--discriminators", discriminators.ToString(), "--admin-port", "0", "--verbose", .. FastFailureDetection, .. extra,
        ]);

    public static SimganChild StartWorker(string name, int seedPort) =>
        SimganChild.Start(name,
        [
            "node", "--roles", "refiner,discriminator", "--port", SimganChild.FreePort().ToString(), "--seeds", $"127.0.0.1:{seedPort}",
            "--verbose", .. FastFailureDetection,
        ]);

    /// <summary>The newest coordinator snapshot in a run's SQLite store, or null if none is there yet.</summary>
    public static long? NewestSnapshot(string run)
    {
        var db = Path.Combine(run, "cluster.db");
        if (!File.Exists(db)) return null;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(sequence_nr) FROM snapshot WHERE persistence_id LIKE 'simgan-coordinator-%'";
            return command.ExecuteScalar() is long n ? n : null;
        }
        catch (SqliteException) { return null; } // not created yet, or busy
    }

    /// <summary>Asserts two checkpoint files are the same bytes.</summary>
    public static void AssertSameFile(string expected, string actual, string because)
    {
        Assert.True(File.Exists(expected), $"the reference {expected} is missing");
        Assert.True(File.Exists(actual), $"{actual} is missing ({because})");
        var a = File.ReadAllBytes(expected);
        var b = File.ReadAllBytes(actual);
        int first = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        Assert.True(a.Length == b.Length && first < 0,
            $"{actual} differs from {expected} ({because}): sizes {b.Length} vs {a.Length}, first difference at byte {first}");
    }
}

/// <summary>Uninterrupted local runs with --d-slices 2, made on first use; cluster runs must match them bit for bit.</summary>
public sealed class ReferenceRuns : IDisposable
{
    readonly string root = SimganProcess.Temp();
    readonly Dictionary<int, string> runs = new();

    public string Run(int steps)
    {
        lock (runs)
        {
            if (runs.TryGetValue(steps, out var done)) return done;
            var run = Path.Combine(root, $"local-{steps}");
            var result = SimganProcess.Run(RealClusterRuns.RunTimeout,
                ["train", .. RealClusterRuns.Tiny(steps), "--engine", "local", "--d-slices", "2", "--out", run]);
            Assert.True(result.ExitCode == 0, $"reference run failed: {result}");
            runs[steps] = run;
            return run;
        }
    }

    public string CheckpointAt(int steps) => RealClusterRuns.Checkpoint(Run(steps), steps);

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
