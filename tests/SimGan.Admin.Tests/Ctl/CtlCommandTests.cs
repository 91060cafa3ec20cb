using System.Text.Json;
using Xunit.Abstractions;
using SimGan.Admin.Contract;
using SimGan.Admin.Tests.Support;

namespace SimGan.Admin.Tests.Ctl;

/// <summary>The <c>simgan ctl</c> verb (src/SimGan.Cli/Commands/CtlCommand.cs) run as a program against a test admin server.</summary>
public sealed class CtlCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Cluster_show_lists_the_members_marks_the_leader_and_names_the_oldest_per_role()
    {
        await using var server = await TestAdminServer.StartAsync();
        var run = await SimganCli.RunAsync("ctl", "--node", server.Node, "--token", TestAdminServer.Token, "cluster", "show");
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var member in server.Cluster.Cluster.Members) Assert.Contains(member.Address, run.Stdout);
        Assert.Contains("leader", run.Stdout);
        Assert.Contains("NO", run.Stdout);
        Assert.Contains($"oldest refiner: {FakeClusterAdmin.Driver}", run.Stdout);
        Assert.Contains($"oldest discriminator: {FakeClusterAdmin.Worker}", run.Stdout);
    }

    [Fact]
    public async Task Json_prints_the_api_answer_and_the_token_may_come_from_the_environment()
    {
        await using var server = await TestAdminServer.StartAsync();
        var env = new Dictionary<string, string?> { ["SIMGAN_ADMIN_TOKEN"] = TestAdminServer.Token };
        var run = await SimganCli.RunAsync(env, "ctl", "--node", server.Node, "cluster", "show", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var view = JsonSerializer.Deserialize<ClusterView>(run.Stdout, AdminJson.Options)!;
        Assert.Equal(FakeClusterAdmin.Driver, view.Leader);
        Assert.Equal(3, view.Members.Length);
    }

    [Fact]
    public async Task Training_status_is_a_two_column_table()
    {
        await using var server = await TestAdminServer.StartAsync();
        var run = await SimganCli.RunAsync("ctl", "--node", server.Node, "--token", TestAdminServer.Token, "training", "status");
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1200 / 10000", run.Stdout);
        Assert.Contains("2 up of 3 wanted", run.Stdout);
        Assert.Contains("step 1000", run.Stdout);
    }

    [Fact]
    public async Task Down_passes_the_address_and_prints_the_answer()
    {
        await using var server = await TestAdminServer.StartAsync();
        var run = await SimganCli.RunAsync("ctl", "--node", server.Node, "--token", TestAdminServer.Token, "cluster", "down", FakeClusterAdmin.LostWorker);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{FakeClusterAdmin.LostWorker} downed", run.Stdout.Trim());
        Assert.Equal([$"down {FakeClusterAdmin.LostWorker}"], server.Cluster.Calls);
    }

    [Fact]
    public async Task A_wrong_token_is_one_line_on_stderr_and_exit_2()
    {
        await using var server = await TestAdminServer.StartAsync();
        var run = await SimganCli.RunAsync("ctl", "--node", server.Node, "--token", "wrong", "training", "status");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"simgan: the admin token was refused by {server.Node}", run.Stderr.TrimEnd('\n'));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task An_unknown_address_is_the_servers_message_and_exit_2()
    {
        await using var server = await TestAdminServer.StartAsync();
        var run = await SimganCli.RunAsync("ctl", "--node", server.Node, "--token", TestAdminServer.Token, "cluster", "leave", "akka.tcp://simgan@gone:1");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("no member at akka.tcp://simgan@gone:1", run.Stderr);
    }
}
