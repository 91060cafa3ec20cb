using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SimGan.Admin.Contract;
using SimGan.Admin.Server;
using SimGan.Admin.Tests.Support;

namespace SimGan.Admin.Tests.Server;

public sealed class TokenTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("s3cret-token-but-longer")]
    public async Task Api_and_metrics_refuse_a_missing_or_wrong_token_with_a_json_401(string? token)
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http(token);
        foreach (var route in new[] { AdminRoutes.Cluster, AdminRoutes.Metrics, AdminRoutes.Training })
        {
            using var response = await http.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = JsonSerializer.Deserialize<ErrorBody>(await response.Content.ReadAsStringAsync(), AdminJson.Options);
            Assert.Contains("token", body!.Error);
        }
        using var post = await http.PostAsync(AdminRoutes.DownUnreachable, null);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Empty(server.Cluster.Calls);
    }

    [Fact]
    public async Task The_right_token_is_let_through()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http();
        using var response = await http.GetAsync(AdminRoutes.Cluster);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_probes_need_no_token_and_follow_the_akka_tagged_checks()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var http = server.Http(token: null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(AdminRoutes.Live)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(AdminRoutes.Ready)).StatusCode);

        server.Readiness = HealthStatus.Unhealthy;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(AdminRoutes.Ready)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(AdminRoutes.Live)).StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("::")]
    public async Task An_empty_token_is_refused_on_a_non_loopback_bind(string bind)
    {
        var options = new AdminOptions(bind, 0, Token: "");
        await using var app = TestAdminServer.Build(options, new FakeClusterAdmin(), new CapturingLoggerProvider(), () => HealthStatus.Healthy);
        var refusal = Assert.Throws<InvalidOperationException>(() => app.MapSimGanAdmin(options));
        Assert.Contains("without a token", refusal.Message);
    }

    [Fact]
    public async Task An_empty_token_on_loopback_serves_openly_and_warns()
    {
        await using var server = await TestAdminServer.StartAsync(token: null);
        using var http = server.Http(token: null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(AdminRoutes.Cluster)).StatusCode);
        Assert.Contains(server.Logs.Messages(AdminEndpoints.LogCategory), m => m.Contains("no token"));
    }
}
