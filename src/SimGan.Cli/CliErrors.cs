using SimGan.Cli.Runs;
using SimGan.Core.Checkpoints;
using SimGan.Data.Datasets;

namespace SimGan.Cli;

/// <summary>
/// Turns the failures a user can cause into one line on stderr and a non-zero exit code, instead of a stack trace.
/// Anything else is a bug and keeps its trace.
/// </summary>
public static class CliErrors
{
    public const int UsageOrInput = 2;
    public const int Failed = 1;
    public const int Interrupted = 130;
    /// <summary>Training ended with the refiner collapsed (see RunObserver); its state is checkpointed.</summary>
    public const int Collapsed = 3;

    public static int Guard(Func<int> action) => GuardAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (UserError ex) { return Report(ex.Message, UsageOrInput); }
        catch (DatasetException ex) { return Report(ex.Message, UsageOrInput); }
        catch (BadSampleException ex) { return Report(ex.Message, UsageOrInput); }
        catch (SimGan.Cli.Commands.ClusterRunFailed ex) { return Report(ex.Message, Failed); }
        catch (RunCollapsed ex) { return Report(ex.Message, Collapsed); }
        catch (CorruptCheckpointException ex) { return Report(ex.Message, Failed); }
        catch (InvalidDataException ex) { return Report(ex.Message, Failed); }
        catch (ArithmeticException ex) { return Report(ex.Message, Failed); }
        catch (UnauthorizedAccessException ex) { return Report(ex.Message, Failed); }
        catch (IOException ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { return Report(ex.Message, UsageOrInput); }
        // A full disk or a failing device: one line, not a stack trace.
        catch (IOException ex) { return Report(ex.Message, Failed); }
        catch (OperationCanceledException) { return Report("interrupted", Interrupted); }
    }

    private static int Report(string message, int code)
    {
        Console.Error.WriteLine($"simgan: {message.Split('\n')[0].TrimEnd()}");
        return code;
    }
}
