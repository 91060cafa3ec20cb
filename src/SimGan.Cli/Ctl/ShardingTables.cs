using SimGan.Admin.Contract;
using Spectre.Console;

namespace SimGan.Cli.Ctl;

/// <summary><c>ctl sharding regions|stats</c>: where the history buffer's shards live and how full they are.</summary>
public static class ShardingTables
{
    public static void Render(ShardRegionsView view, IAnsiConsole console)
    {
        var table = new Table().AddColumns("node", "type", "shards", "entities");
        foreach (var region in view.Regions.OrderBy(r => r.TypeName).ThenBy(r => r.Node))
            table.AddRow(Markup.Escape(region.Node), Markup.Escape(region.TypeName), region.Shards.ToString(), region.Entities.ToString());
        console.Write(table);
    }

    public static void Render(ShardStatsView view, IAnsiConsole console)
    {
        var table = new Table().AddColumns("node", "shard", "entities", "buffer images", "capacity");
        foreach (var shard in view.Shards.OrderBy(s => s.Node).ThenBy(s => s.ShardId))
            table.AddRow(Markup.Escape(shard.Node), Markup.Escape(shard.ShardId), shard.Entities.ToString(),
                shard.BufferImages.ToString(), shard.BufferCapacity.ToString());
        table.AddRow("[bold]total[/]", view.Shards.Length.ToString(), view.TotalEntities.ToString(),
            view.TotalBufferImages.ToString(), view.TotalBufferCapacity.ToString());
        console.Write(table);
    }
}
