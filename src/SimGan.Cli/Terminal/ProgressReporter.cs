using Spectre.Console;

namespace SimGan.Cli.Terminal;

/// <summary>
/// Progress for long work: a live bar on a terminal, nothing at all with --quiet or when output is redirected
/// (logs and CI should not fill with redraws).
/// </summary>
public static class ProgressReporter
{
    public static bool ShouldShow(bool quiet) => !quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Runs work with a report(description, fraction) callback bound to a bar, or to nothing.</summary>
    public static T Run<T>(bool quiet, string title, Func<Action<string, double>, T> work)
    {
        if (!ShouldShow(quiet)) return work((_, _) => { });
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var result = work((description, fraction) =>
                {
                    task.Description = Markup.Escape(description);
                    task.Value = Math.Clamp(fraction, 0, 1);
                });
                task.Value = 1.0;
                return result;
            });
    }
}
