using System.CommandLine;
using SimGan.Admin.Client;
using SimGan.Admin.Contract;
using Spectre.Console;

namespace SimGan.Cli.Ctl;

/// <summary>
/// Builds the leaf commands of <c>simgan ctl</c>: queries that render a table (or print the JSON with --json) and
/// actions that print the cluster's answer. Both share the connection options and the error handling.
/// </summary>
public sealed class CtlVerb(Option<string> node, Option<string?> token, Option<bool> json)
{
    private const int Succeeded = 0;

    public Command Query<T>(string name, string description, string route,
        Func<AdminClient, CancellationToken, Task<T>> fetch, Action<T, IAnsiConsole> render)
    {
        var command = new Command(name, description);
        command.SetAction((p, cancel) => Run(p, async (client, output) =>
        {
            if (p.GetValue(json)) output.Out.WriteLine(await client.GetRawAsync(route, cancel) ?? "null");
            else render(await fetch(client, cancel), output.Tables);
            return Succeeded;
        }));
        return command;
    }

    public Command Action(string name, string description, string route,
        Func<AdminClient, CancellationToken, Task<AdminActionResult>> act)
    {
        var command = new Command(name, description);
        command.SetAction((p, cancel) => Run(p, async (client, output) =>
            p.GetValue(json) ? Print(output, await client.PostRawAsync(route, null, cancel)) : Print(output, await act(client, cancel))));
        return command;
    }

    /// <summary>An action on one member: <c>ADDR</c> is its Akka address, or "self" for the node asked.</summary>
    public Command AddressAction(string name, string description, string route,
        Func<AdminClient, string, CancellationToken, Task<AdminActionResult>> act)
    {
        var address = new Argument<string>("ADDR") { Description = "Member address (akka.tcp://simgan@host:port) or 'self'" };
        var command = new Command(name, description) { address };
        command.SetAction((p, cancel) => Run(p, async (client, output) =>
        {
            var target = p.GetValue(address)!;
            return p.GetValue(json)
                ? Print(output, await client.PostRawAsync(route, new AddressRequest(target), cancel))
                : Print(output, await act(client, target, cancel));
        }));
        return command;
    }

    private static int Print(CtlOutput output, string rawJson)
    {
        output.Out.WriteLine(rawJson);
        return Succeeded;
    }

    private static int Print(CtlOutput output, AdminActionResult result)
    {
        (result.Ok ? output.Out : output.Error).WriteLine(result.Message);
        return result.Ok ? Succeeded : CliErrors.Failed;
    }

    /// <summary>Connects, runs, and turns a failed call into one line on stderr: exit 2 if the caller can fix it, else 1.</summary>
    private async Task<int> Run(ParseResult p, Func<AdminClient, CtlOutput, Task<int>> work)
    {
        var output = new CtlOutput(p);
        try
        {
            // The token is read here rather than as the option's default so that --help never prints it.
            var bearer = p.GetValue(token) ?? Environment.GetEnvironmentVariable(AdminClient.TokenVariable);
            using var client = new AdminClient(p.GetValue(node)!, bearer);
            return await work(client, output);
        }
        catch (AdminClientException ex)
        {
            output.Error.WriteLine($"simgan: {ex.Message}");
            return ex.IsCallerProblem ? CliErrors.UsageOrInput : CliErrors.Failed;
        }
        catch (OperationCanceledException)
        {
            output.Error.WriteLine("simgan: interrupted");
            return CliErrors.Interrupted;
        }
    }
}
