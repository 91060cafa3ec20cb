using System.CommandLine;
using SimGan.Admin.Client;
using SimGan.Admin.Contract;
using SimGan.Admin.Server;
using SimGan.Cli.Ctl;

namespace SimGan.Cli.Commands;

/// <summary><c>simgan ctl</c>: looks at and steers a running cluster through one node's admin API.</summary>
public static class CtlCommand
{
    public static Command Create()
    {
        // Recursive so the options may stand before or after the verb: "ctl --json cluster show" and "ctl cluster show --json".
        var node = new Option<string>("--node")
        {
            Description = "HOST:PORT of a node's admin endpoint", DefaultValueFactory = _ => $"127.0.0.1:{AdminOptions.DefaultPort}", Recursive = true,
        };
        var token = new Option<string?>("--token") { Description = $"Admin token (default: ${AdminClient.TokenVariable})", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of tables", Recursive = true };
        var verb = new CtlVerb(node, token, json);
        return new Command("ctl", "Inspect and steer a running cluster through a node's admin API")
        {
            node, token, json, Cluster(verb), Sharding(verb), Training(verb),
        };
    }

    private static Command Cluster(CtlVerb verb) => new("cluster", "Members, leader and oldest node per role; leave and down")
    {
        verb.Query("show", "Members with roles, status and reachability", AdminRoutes.Cluster,
            (c, ct) => c.GetClusterAsync(ct), ClusterTable.Render),
        verb.AddressAction("leave", "Ask a member to leave the cluster gracefully", AdminRoutes.Leave, (c, a, ct) => c.LeaveAsync(a, ct)),
        verb.AddressAction("down", "Mark a member down (for a node that is gone and will not come back)", AdminRoutes.Down,
            (c, a, ct) => c.DownAsync(a, ct)),
        verb.Action("down-unreachable", "Down every member the cluster sees as unreachable", AdminRoutes.DownUnreachable,
            (c, ct) => c.DownUnreachableAsync(ct)),
    };

    private static Command Sharding(CtlVerb verb) => new("sharding", "The history buffer's shard regions and shards")
    {
        verb.Query("regions", "Shard regions per node", AdminRoutes.ShardRegions, (c, ct) => c.GetShardRegionsAsync(ct), ShardingTables.Render),
        verb.Query("stats", "Shards with their buffer fill", AdminRoutes.ShardStats, (c, ct) => c.GetShardStatsAsync(ct), ShardingTables.Render),
    };

    private static Command Training(CtlVerb verb) => new("training", "Status of the distributed training; pause, resume, snapshot")
    {
        verb.Query("status", "Step, losses, throughput, workers, snapshot age", AdminRoutes.Training,
            (c, ct) => c.GetTrainingAsync(ct), TrainingTable.Render),
        verb.Action("pause", "Pause training after the current step", AdminRoutes.Pause, (c, ct) => c.PauseTrainingAsync(ct)),
        verb.Action("resume", "Resume paused training", AdminRoutes.Resume, (c, ct) => c.ResumeTrainingAsync(ct)),
        verb.Action("snapshot", "Take a training snapshot now", AdminRoutes.Snapshot, (c, ct) => c.SnapshotTrainingAsync(ct)),
    };
}
