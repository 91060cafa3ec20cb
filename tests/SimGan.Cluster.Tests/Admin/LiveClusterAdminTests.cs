using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using SimGan.Cli.Tests;
using SimGan.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace SimGan.Cluster.Tests.Admin;

/// <summary>`simgan ctl` and the admin HTTP API against a live cluster: a driver and one worker, real processes.</summary>
public sealed partial class LiveClusterAdminTests(ITestOutputHelper log) : IDisposable
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    readonly string root = SimganProcess.Temp();
    readonly List<SimganChild> children = [];

    [Fact]
    public async Task Ctl_shows_and_steers_a_running_cluster_and_a_leave_ends_the_worker_with_exit_0()
    {
        var clock = Stopwatch.StartNew();
        var (driver, driverAdmin, worker, workerAdmin) = StartCluster(token: null);
        string workerAddress = NodeAddress().Match(worker.Output.Text).Groups[1].Value;

        using (var cluster = Ctl(driverAdmin, "--json", "cluster", "show"))
        {
            var members = cluster.RootElement.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(2, members.Count);
            Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
            Assert.Equal(["buffer", "coordinator", "feeder"], Roles(members.Single(m => m.GetProperty("address").GetString() != workerAddress)));
            Assert.Equal(["discriminator", "refiner"], Roles(members.Single(m => m.GetProperty("address").GetString() == workerAddress)));
            Assert.False(string.IsNullOrEmpty(cluster.RootElement.GetProperty("leader").GetString()));
        }
        using (var fromWorker = Ctl(workerAdmin, "--json", "cluster", "show"))
            Assert.Equal(2, fromWorker.RootElement.GetProperty("members").GetArrayLength());

        // Past the pretraining phases, so the buffer has been filled.
        Assert.True(TinyTraining.Eventually(() => Step(driverAdmin) > 20, Limit), "training did not get past step 20");
        int first = Step(driverAdmin);
        Assert.True(TinyTraining.Eventually(() => Step(driverAdmin) > first, Limit), $"the step stayed at {first}");
        using (var status = Ctl(driverAdmin, "training", "status", "--json"))
            Assert.Equal(1, status.RootElement.GetProperty("discriminator_workers_up").GetInt32());

        Assert.Contains("paused", CtlText(driverAdmin, "training", "pause"));
        using (var paused = Ctl(driverAdmin, "--json", "training", "status"))
            Assert.True(paused.RootElement.GetProperty("paused").GetBoolean());
        int pausedAt = Step(driverAdmin);
        Thread.Sleep(3000);
        Assert.Equal(pausedAt, Step(driverAdmin));
        CtlText(driverAdmin, "training", "resume");
        Assert.True(TinyTraining.Eventually(() => Step(driverAdmin) > pausedAt, Limit), "training did not resume");
        Assert.Contains("snapshot", CtlText(driverAdmin, "training", "snapshot"));

        using (var stats = Ctl(driverAdmin, "sharding", "stats", "--json"))
        {
            var shards = stats.RootElement.GetProperty("shards").EnumerateArray().Where(s => s.GetProperty("entities").GetInt32() > 0).ToList();
            Assert.Equal(4, shards.Count);
            Assert.True(stats.RootElement.GetProperty("total_buffer_images").GetInt32() > 0, stats.RootElement.ToString());
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        foreach (var route in new[] { "/health/live", "/health/ready", "/metrics" })
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{driverAdmin}{route}")).StatusCode);
        Assert.Contains("simgan_training_step", await http.GetStringAsync($"http://127.0.0.1:{driverAdmin}/metrics"));

        CtlText(driverAdmin, "cluster", "leave", workerAddress);
        Assert.True(worker.WaitForExit(Limit), "the worker did not exit after `cluster leave`:\n" + worker.Output.Text);
        Assert.True(worker.Process.ExitCode == 0, $"worker exit {worker.Process.ExitCode}:\n{worker.Output.Text}");
        Assert.Contains("left the cluster", worker.Output.Text);
        Assert.False(driver.Process.HasExited, driver.Output.Text);
        log.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task With_a_token_the_api_answers_401_without_it_and_ctl_works_with_it()
    {
        var env = new Dictionary<string, string> { ["SIMGAN_ADMIN_TOKEN"] = "secret" };
        var (_, admin, _, _) = StartCluster(token: env);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        string url = $"http://127.0.0.1:{admin}";

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url + "/api/cluster")).StatusCode);
        var withToken = new HttpRequestMessage(HttpMethod.Get, url + "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "secret") } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withToken)).StatusCode);

        var refused = SimganChild.Run(Limit, ["ctl", "--node", $"127.0.0.1:{admin}", "cluster", "show"]);
        Assert.True(refused.ExitCode == 2, refused.Output);
        using var shown = Ctl(admin, "--token", "secret", "--json", "cluster", "show");
        Assert.Equal(2, shown.RootElement.GetProperty("members").GetArrayLength());
    }

    /// <summary>A driver (refiner, feeder, buffer) waiting for one worker, and that worker; both serve the admin API.</summary>
    (SimganChild Driver, int DriverAdmin, SimganChild Worker, int WorkerAdmin) StartCluster(IReadOnlyDictionary<string, string>? token)
    {
        int port = FreePort();
        var driver = Keep(SimganChild.Start([.. TinyTraining.Args(400), "--out", Path.Combine(root, "run"), "--port", port.ToString(),
            "--seeds", $"127.0.0.1:{port}", "--discriminators", "1", "--admin-port", "0"], token));
        int driverAdmin = int.Parse(driver.WaitForMatch(AdminPort(), Limit).Groups[1].Value);
        var worker = Keep(SimganChild.Start(["node", "--roles", "refiner,discriminator", "--port", "0", "--seeds", $"127.0.0.1:{port}", "--admin-port", "0"], token));
        int workerAdmin = int.Parse(worker.WaitForMatch(AdminPort(), Limit).Groups[1].Value);
        return (driver, driverAdmin, worker, workerAdmin);
    }

    SimganChild Keep(SimganChild child)
    {
        children.Add(child);
        return child;
    }

    static string[] Roles(JsonElement member) => member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();

    int Step(int admin)
    {
        using var status = Ctl(admin, "--json", "training", "status");
        return status.RootElement.GetProperty("step").GetInt32();
    }

    JsonDocument Ctl(int admin, params string[] args) => JsonDocument.Parse(CtlText(admin, args));

    string CtlText(int admin, params string[] args)
    {
        var (exit, output) = SimganChild.Run(TimeSpan.FromSeconds(60), ["ctl", "--node", $"127.0.0.1:{admin}", .. args]);
        Assert.True(exit == 0, $"ctl {string.Join(' ', args)}: exit {exit}\n{output}");
        return output;
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"; admin API on 127\.0\.0\.1:(\d+)")]
    private static partial Regex AdminPort();

    [GeneratedRegex(@"node (akka\.tcp://\S+) is up")]
    private static partial Regex NodeAddress();

    public void Dispose()
    {
        foreach (var child in children) child.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { /* a killed child may still hold a file */ }
    }
}
