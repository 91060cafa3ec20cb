using System.Net;
using System.Text;
using System.Text.Json;
using SimGan.Admin.Contract;
using SimGan.Admin.Server;
using SimGan.Admin.Tests.Support;

namespace SimGan.Admin.Tests.Server;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task An_admin_exception_becomes_its_status_and_message()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http();
        using var response = await http.PostAsync(AdminRoutes.Down, Json("""{"address": "akka.tcp://simgan@nowhere:1"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no member at akka.tcp://simgan@nowhere:1", (await Error(response)).Error);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_with_its_message_and_a_timeout_a_504()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http();
        server.Cluster.Failure = new InvalidOperationException("sharding is not started");
        using var failed = await http.GetAsync(AdminRoutes.ShardStats);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("sharding is not started", (await Error(failed)).Error);

        server.Cluster.Failure = new TimeoutException("ask timed out after 5 s");
        using var slow = await http.GetAsync(AdminRoutes.Cluster);
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"address": ""}""")]
    [InlineData("not json")]
    public async Task Leave_without_an_address_is_a_400_that_shows_the_expected_body(string body)
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http();
        using var response = await http.PostAsync(AdminRoutes.Leave, Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"address\"", (await Error(response)).Error);
        Assert.Empty(server.Cluster.Calls);
    }

    [Fact]
    public async Task No_training_is_a_404_that_says_so()
    {
        await using var server = await TestAdminServer.StartAsync();
        server.Cluster.Training = null;
        using var http = server.Http();
        using var response = await http.GetAsync(AdminRoutes.Training);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AdminEndpoints.NoTraining, (await Error(response)).Error);
    }

    [Fact]
    public async Task Every_mutating_call_is_logged_with_its_caller_and_what_was_asked()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        await client.DownAsync(FakeClusterAdmin.Worker);
        await client.LeaveAsync(AdminAddresses.Self);
        await client.DownUnreachableAsync();
        await client.PauseTrainingAsync();
        await client.ResumeTrainingAsync();
        await client.SnapshotTrainingAsync();

        var log = server.Logs.Messages(AdminEndpoints.LogCategory).ToList();
        foreach (var asked in new[] { $"down {FakeClusterAdmin.Worker}", "leave self", "down unreachable members", "pause training", "resume training", "snapshot training" })
            Assert.Contains(log, line => line.Contains("127.0.0.1:") && line.Contains(asked));
        Assert.Contains(log, line => line.Contains("snapshot taken at step 1200"));
    }

    [Fact]
    public async Task Queries_are_not_logged_as_requests()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        await client.GetClusterAsync();
        Assert.DoesNotContain(server.Logs.Messages(AdminEndpoints.LogCategory), line => line.Contains("Admin request"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<ErrorBody> Error(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<ErrorBody>(await response.Content.ReadAsStringAsync(), AdminJson.Options)!;
}
