using System.Net;
using System.Net.Sockets;
using SimGan.Admin.Client;
using SimGan.Admin.Contract;
using SimGan.Admin.Tests.Support;

namespace SimGan.Admin.Tests.Client;

public sealed class AdminClientTests
{
    [Fact]
    public async Task Cluster_view_round_trips()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        var view = await client.GetClusterAsync();
        var expected = server.Cluster.Cluster;
        Assert.Equal(expected.SelfAddress, view.SelfAddress);
        Assert.Equal(expected.Leader, view.Leader);
        Assert.Equal(expected.Members.Length, view.Members.Length);
        for (var i = 0; i < view.Members.Length; i++)
        {
            Assert.Equal(expected.Members[i] with { Roles = [] }, view.Members[i] with { Roles = [] });
            Assert.Equal(expected.Members[i].Roles, view.Members[i].Roles);
        }
        Assert.Equal(expected.OldestByRole.OrderBy(p => p.Key), view.OldestByRole.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Sharding_views_round_trip_with_their_totals()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        Assert.Equal(server.Cluster.Regions.Regions, (await client.GetShardRegionsAsync()).Regions);
        var stats = await client.GetShardStatsAsync();
        Assert.Equal(server.Cluster.Stats.Shards, stats.Shards);
        Assert.Equal(1000, stats.TotalBufferImages);
        Assert.Equal(2000, stats.TotalBufferCapacity);
        Assert.Contains("\"total_buffer_images\": 1000", await client.GetRawAsync(AdminRoutes.ShardStats));
    }

    [Fact]
    public async Task Training_status_round_trips_and_absent_training_is_null()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        Assert.Equal(server.Cluster.Training, await client.GetTrainingAsync());
        server.Cluster.Training = null;
        Assert.Null(await client.GetTrainingAsync());
    }

    [Fact]
    public async Task Actions_reach_the_cluster_and_bring_back_its_answer()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        Assert.Equal(new AdminActionResult(true, $"{FakeClusterAdmin.Driver} is leaving"), await client.LeaveAsync(AdminAddresses.Self));
        Assert.Equal(new AdminActionResult(true, $"{FakeClusterAdmin.Worker} downed"), await client.DownAsync(FakeClusterAdmin.Worker));
        Assert.Equal(new AdminActionResult(true, $"downed {FakeClusterAdmin.LostWorker}"), await client.DownUnreachableAsync());
        Assert.Equal(new AdminActionResult(true, "paused at step 1200"), await client.PauseTrainingAsync());
        Assert.Equal(new AdminActionResult(true, "resumed"), await client.ResumeTrainingAsync());
        Assert.Equal(new AdminActionResult(true, "snapshot taken at step 1200"), await client.SnapshotTrainingAsync());
        Assert.Equal(["leave self", $"down {FakeClusterAdmin.Worker}", "down-unreachable", "pause", "resume", "snapshot"], server.Cluster.Calls);
    }

    [Fact]
    public async Task The_server_error_message_reaches_the_caller()
    {
        await using var server = await TestAdminServer.StartAsync();
        server.Cluster.Training = null;
        using var client = server.Client();
        var error = await Assert.ThrowsAsync<AdminClientException>(() => client.PauseTrainingAsync());
        Assert.Equal(409, error.StatusCode);
        Assert.True(error.IsCallerProblem);
        Assert.EndsWith("no training to pause", error.Message);
    }

    [Fact]
    public async Task A_refused_token_says_so()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client("wrong");
        var error = await Assert.ThrowsAsync<AdminClientException>(() => client.GetClusterAsync());
        Assert.Equal($"the admin token was refused by {server.Node}", error.Message);
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_node_is_a_clear_connection_refused()
    {
        var node = $"127.0.0.1:{UnusedPort()}";
        using var client = new AdminClient(node, "t");
        var error = await Assert.ThrowsAsync<AdminClientException>(() => client.GetClusterAsync());
        Assert.Equal($"cannot reach the admin endpoint at {node} (connection refused)", error.Message);
        Assert.Null(error.StatusCode);
        Assert.True(error.IsCallerProblem);
    }

    private static int UnusedPort()
    {
        // Bind, read the port, release it: nothing listens there afterwards.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
