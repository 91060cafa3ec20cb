namespace SimGan.Core.Tests;

/// <summary>
/// Another thread collecting garbage and running finalizers without pause until disposed. It makes the rare race
/// behind TorchSharp's temporary Scalars (freed by a finalizer while a native call still reads them) happen within
/// about a hundred optimizer steps instead of once in hours.
/// </summary>
public sealed class GarbageCollectionStorm : IDisposable
{
    volatile bool _stop;
    readonly Thread _thread;

    public GarbageCollectionStorm()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true, Name = "gc-storm" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
