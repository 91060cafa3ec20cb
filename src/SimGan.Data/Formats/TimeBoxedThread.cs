using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace SimGan.Data.Formats;

/// <summary>
/// A thread of its own for a third-party parser whose calls can loop for ever on a damaged file, and a limit on each
/// call. PureHDF never returns from opening some damaged HDF5 files (found by fuzzing); a training run must report
/// such a file, not hang on it. Calls run one after another on the one thread: starting a thread per call cost about
/// 100 µs, more than reading a small image. A call that times out is abandoned, and the thread with it: it keeps
/// running until the process ends, so the caller must not use the parser's state, or this object, again.
/// </summary>
sealed class TimeBoxedThread : IDisposable
{
    readonly BlockingCollection<Action> _calls = new();

    public TimeBoxedThread(string name)
    {
        new Thread(() =>
        {
            foreach (var call in _calls.GetConsumingEnumerable()) call();
        }) { IsBackground = true, Name = name }.Start();
    }

    public T Run<T>(Func<T> call, TimeSpan limit)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        // Not disposed: an abandoned call still sets it if it ever returns.
        var done = new ManualResetEventSlim();
        _calls.Add(() =>
        {
            try { result = call(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
            finally { done.Set(); }
        });
        if (!done.Wait(limit)) throw new TimeoutException($"did not finish in {limit.TotalSeconds:0.#} s");
        error?.Throw();
        return result;
    }

    /// <summary>Ends the thread once its calls are done.</summary>
    public void Dispose() => _calls.CompleteAdding();
}
