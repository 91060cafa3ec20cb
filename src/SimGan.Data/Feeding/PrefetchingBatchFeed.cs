using System.Collections.Concurrent;
using SimGan.Core.Images;

namespace SimGan.Data.Feeding;

/// <summary>
/// Reads batches ahead on background threads so decoding and rendering overlap training. It keeps the next
/// <c>depth</c> batch numbers in flight (a bounded queue: memory stays at depth batches) and returns exactly what
/// <see cref="DirectBatchFeed"/> returns for the same plan. Asking for a batch other than the next one (a resume,
/// a skip) drops the read-ahead and restarts from there. The source must allow concurrent reads.
/// </summary>
public sealed class PrefetchingBatchFeed : IBatchFeed
{
    readonly DirectBatchFeed _direct;
    readonly int _depth;
    readonly BlockingCollection<Job> _jobs = new();
    readonly Thread[] _workers;
    readonly Dictionary<long, Job> _inFlight = [];
    readonly object _gate = new();
    long _nextToSchedule;
    bool _disposed;

    public PrefetchingBatchFeed(IImageSource source, BatchPlan plan, int workers = 2, int depth = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _direct = new DirectBatchFeed(source, plan);
        _depth = depth;
        _workers = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"batch-prefetch-{i}" };
            _workers[i].Start();
        }
    }

    public ImageShape Shape => _direct.Shape;

    public int BatchSize => _direct.BatchSize;

    public float[] Take(long batchNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchNumber);
        Job job;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_inFlight.ContainsKey(batchNumber))
            {
                // A jump: what was read ahead is for other batches. Cancelled jobs are skipped by the workers.
                foreach (var stale in _inFlight.Values) stale.Cancel();
                _inFlight.Clear();
                _nextToSchedule = batchNumber;
            }
            while (_nextToSchedule < batchNumber + _depth) Schedule(_nextToSchedule++);
            job = _inFlight[batchNumber];
            _inFlight.Remove(batchNumber);
            Schedule(_nextToSchedule++);
        }
        return job.Wait();
    }

    void Schedule(long batchNumber)
    {
        var job = new Job(batchNumber);
        _inFlight[batchNumber] = job;
        _jobs.Add(job);
    }

    void Work()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            if (job.IsCancelled) continue;
            try
            {
                job.Complete(_direct.Take(job.BatchNumber));
            }
            catch (Exception e)
            {
                job.Fail(e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var job in _inFlight.Values) job.Cancel();
            _inFlight.Clear();
        }
        _jobs.CompleteAdding();
        foreach (var worker in _workers) worker.Join();
        _jobs.Dispose();
    }

    sealed class Job(long batchNumber)
    {
        readonly TaskCompletionSource<float[]> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        volatile bool _cancelled;

        public long BatchNumber => batchNumber;

        public bool IsCancelled => _cancelled;

        public void Cancel() => _cancelled = true;

        public void Complete(float[] batch) => _result.TrySetResult(batch);

        public void Fail(Exception e) => _result.TrySetException(e);

        /// <summary>Blocks for the batch; a worker's exception is rethrown here with its original stack.</summary>
        public float[] Wait() => _result.Task.GetAwaiter().GetResult();
    }
}
