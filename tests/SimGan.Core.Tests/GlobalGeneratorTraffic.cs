using TorchSharp;

namespace SimGan.Core.Tests;

/// <summary>
/// Another thread reseeding torch's process-wide generator and drawing from it until disposed: what parallel test
/// classes, or a second model being built, do to code that relies on that generator's state.
/// </summary>
public sealed class GlobalGeneratorTraffic : IDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Thread _thread;

    public GlobalGeneratorTraffic()
    {
        using var started = new ManualResetEventSlim();
        _thread = new Thread(() =>
        {
            started.Set();
            for (long i = 0; !_stop.IsCancellationRequested; i++)
            {
                torch.manual_seed(i);
                using var draws = torch.rand(256);
            }
        }) { IsBackground = true, Name = "global-generator-traffic" };
        _thread.Start();
        started.Wait();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
