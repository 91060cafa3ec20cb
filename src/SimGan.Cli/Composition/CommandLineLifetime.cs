using Microsoft.Extensions.Hosting;

namespace SimGan.Cli.Composition;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the command line, which cancels the verb so that it can snapshot and leave the
/// cluster in order. The default console lifetime would stop the host on the same signal, under the running verb.
/// </summary>
public sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
