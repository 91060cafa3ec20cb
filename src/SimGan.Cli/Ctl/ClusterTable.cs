using SimGan.Admin.Contract;
using Spectre.Console;

namespace SimGan.Cli.Ctl;

/// <summary><c>ctl cluster show</c>: one row per member, then where each role's oldest member (its singletons) is.</summary>
public static class ClusterTable
{
    public static void Render(ClusterView view, IAnsiConsole console)
    {
        var table = new Table().AddColumns("address", "roles", "status", "reachable", "up #", "");
        foreach (var member in view.Members.OrderBy(m => m.UpNumber))
        {
            var marks = new List<string>();
            if (member.Address == view.Leader) marks.Add("leader");
            if (member.Address == view.SelfAddress) marks.Add("self");
            table.AddRow(
                Markup.Escape(member.Address),
                Markup.Escape(string.Join(",", member.Roles)),
                Markup.Escape(member.Status),
                member.Reachable ? "yes" : "[red]NO[/]",
                member.UpNumber.ToString(),
                string.Join(" ", marks));
        }
        console.Write(table);
        console.WriteLine($"leader: {view.Leader ?? "(none)"}");
        foreach (var (role, address) in view.OldestByRole.OrderBy(p => p.Key))
            console.WriteLine($"oldest {role}: {address}");
    }
}
