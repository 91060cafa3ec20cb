using System.Runtime.ExceptionServices;

namespace SimGan.Data.Formats;

/// <summary>
/// Runs a third-party parser call that can loop forever on a damaged file on a thread of its own, and gives up after
/// a limit. PureHDF never returns from opening some damaged HDF5 files (found by fuzzing); a training run must report
/// such a file, not hang on it. A call that times out is abandoned: its thread keeps running until the process ends,
/// so the caller must not touch the parser's state again.
/// </summary>
static class TimeBoxed
{
    public static T Run<T>(Func<T> call, TimeSpan limit, string threadName)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try { result = call(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }) { IsBackground = true, Name = threadName };
        thread.Start();
        if (!thread.Join(limit)) throw new TimeoutException($"did not finish in {limit.TotalSeconds:0.#} s");
        error?.Throw();
        return result;
    }
}
