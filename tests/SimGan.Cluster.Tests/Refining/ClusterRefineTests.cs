using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Infrastructure;

namespace SimGan.Cluster.Tests.Refining;

/// <summary>
/// `simgan refine --engine cluster` against the local refine, with real processes: a driver and two
/// `simgan node --roles discriminator` workers must write the very bytes the local engine writes, also when run
/// again over a damaged folder and when a worker is killed in the middle.
/// </summary>
public sealed class ClusterRefineTests : IClassFixture<ClusterRefineTests.TrainedRun>, IDisposable
{
    const string Input = "eyes-synthetic:300";
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    // Quick failure detection, so a killed worker's batch moves on in seconds rather than a minute.
    static readonly string[] FastFailure =
    [
        "--set", "akka.cluster.failure-detector.acceptable-heartbeat-pause=2s",
        "--set", "akka.cluster.split-brain-resolver.stable-after=3s",
        "--set", "simgan.refine.batch-timeout=20s",
        "--set", "simgan.join-timeout=20s",
    ];

    readonly TrainedRun run;
    readonly string dir = SimganProcess.Temp();
    readonly List<(Process Process, ProcessOutput Output)> children = [];

    public ClusterRefineTests(TrainedRun run) => this.run = run;

    /// <summary>
    /// A tiny model trained once for the class (local engine, the config of cluster-facts.md), with input noise: the
    /// workers must rebuild the refiner with its noise channels and draw each image's noise as the local refine does.
    /// </summary>
    public sealed class TrainedRun : IDisposable
    {
        public string Dir { get; } = SimganProcess.Temp();
        public string Model => Path.Combine(Dir, "run");

        public TrainedRun()
        {
            Check(Run(Dir, "train", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--preset", "cpu-gaze", "--steps", "40",
                      "--pretrain-r-steps", "10", "--pretrain-d-steps", "5", "--k-g", "1", "--batch-size", "8", "--buffer-size", "16",
                      "--checkpoint-every", "20", "--refiner-noise", "1", "--quiet", "--out", Model, "--engine", "local"));
        }

        /// <summary>The local refine of <see cref="Input"/> at a batch size, made once per size.</summary>
        public string Local(int batchSize)
        {
            string output = Path.Combine(Dir, $"local-{batchSize}");
            lock (this)
                if (!Directory.Exists(output))
                    Check(Run(Dir, "refine", "--model", Model, "--input", Input, "--out", output, "--batch-size", $"{batchSize}", "--quiet"));
            return output;
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    [Fact]
    public void A_driver_and_two_workers_write_the_local_files_and_a_rerun_refines_only_what_is_missing()
    {
        int seed = StartWorkers(2);
        string local = run.Local(16);
        string clustered = Path.Combine(dir, "cluster");

        var first = Check(Driver(seed, clustered, 16));
        Assert.Contains("refined 300 images (0 already done)", first.Stdout);
        AssertSameFiles(local, clustered);

        // A crash that lost some images: the local engine and the cluster both redo exactly those.
        string localAgain = Path.Combine(dir, "local-again");
        CopyDirectory(local, localAgain);
        string[] lost = ["000003.png", "000100.png", "000101.png", "000299.png"];
        foreach (var folder in new[] { localAgain, clustered })
            foreach (var name in lost) File.Delete(Path.Combine(folder, "images", Existing(folder, name)));
        Check(Run(dir, "refine", "--model", run.Model, "--input", Input, "--out", localAgain, "--batch-size", "16", "--quiet"));
        var second = Check(Driver(seed, clustered, 16));
        Assert.Contains($"refined {lost.Length} images ({300 - lost.Length} already done)", second.Stdout);
        AssertSameFiles(localAgain, clustered);
    }

    [Fact]
    public void Killing_a_worker_mid_refine_still_gives_the_local_files()
    {
        int seed = StartWorkers(2);
        string local = run.Local(4);
        string clustered = Path.Combine(dir, "cluster");
        var victim = children[^1];

        var driver = Start(Args(seed, clustered, 4));
        // Wait until refining is under way, then kill the second worker without warning.
        string images = Path.Combine(clustered, "images");
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(images) && Directory.GetFiles(images).Length >= 8) && !driver.Process.HasExited && clock.Elapsed < Limit)
            Thread.Sleep(20);
        Assert.False(driver.Process.HasExited, "the driver finished before a worker could be killed: " + driver.Output.Text);
        victim.Process.Kill(entireProcessTree: true);

        Assert.True(driver.Process.WaitForExit(Limit), "driver did not finish: " + driver.Output.Text);
        driver.Output.WaitForEnd(TimeSpan.FromSeconds(10));
        Assert.True(driver.Process.ExitCode == 0, driver.Output.Text);
        Assert.Contains("refined 300 images (0 already done)", driver.Output.Text);
        Assert.Contains("goes to another worker", driver.Output.Text);
        AssertSameFiles(local, clustered);
    }

    /// <summary>Starts worker nodes, the first one seeding the cluster; returns its port, the seed for drivers.</summary>
    int StartWorkers(int count)
    {
        int seed = FreePort();
        for (int i = 0; i < count; i++)
        {
            var worker = Start(["node", "--roles", "discriminator", "--port", i == 0 ? $"{seed}" : "0", "--seeds", $"127.0.0.1:{seed}", .. FastFailure]);
            Assert.True(worker.Output.WaitFor("is up with roles", Limit), "worker did not come up: " + worker.Output.Text);
        }
        return seed;
    }

    string[] Args(int seed, string output, int batchSize) =>
        ["refine", "--engine", "cluster", "--model", run.Model, "--input", Input, "--out", output, "--batch-size", $"{batchSize}",
         "--seeds", $"127.0.0.1:{seed}", "--port", "0", "--workers", "2", .. FastFailure];

    SimganProcess.Result Driver(int seed, string output, int batchSize) => Run(dir, Args(seed, output, batchSize));

    (Process Process, ProcessOutput Output) Start(string[] args)
    {
        var process = Process.Start(Info(dir, args))!;
        var child = (process, new ProcessOutput(process));
        children.Add(child);
        return child;
    }

    static ProcessStartInfo Info(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        // Spinning OpenMP threads starve the other processes on a small machine.
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.ArgumentList.Add(SimganProcess.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    static SimganProcess.Result Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(Info(workingDirectory, args))!;
        var output = new ProcessOutput(process);
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"simgan {string.Join(' ', args)} did not finish in {Limit}: {output.Text}");
        }
        output.WaitForEnd(TimeSpan.FromSeconds(10));
        return new SimganProcess.Result(process.ExitCode, output.Text, "");
    }

    static SimganProcess.Result Check(SimganProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Every file of both folders, byte for byte: images/*.png, labels.jsonl, manifest.json.</summary>
    static void AssertSameFiles(string expected, string actual)
    {
        string[] Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray();
        var names = Files(expected);
        Assert.Equal(names, Files(actual));
        Assert.Contains(Path.Combine("images", Existing(expected, "000000.png")), names);
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))),
                        $"{name} differs between {expected} and {actual}");
    }

    /// <summary>The sample file whose name ends with the given suffix (the generator's naming is its own business).</summary>
    static string Existing(string folder, string suffix) =>
        Path.GetFileName(Directory.GetFiles(Path.Combine(folder, "images")).Single(f => f.EndsWith(suffix, StringComparison.Ordinal)));

    static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var (process, _) in children)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); process.WaitForExit(10_000); }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
