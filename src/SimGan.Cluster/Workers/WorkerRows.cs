using SimGan.Cluster.Feeding;
using SimGan.Cluster.Protocol;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Cluster.Workers;

/// <summary>
/// A worker's own reads of the run's data. Every batch is a pure function of (seed, stream, number), so a worker that
/// can open the run's datasets reads exactly the feeder's pixels for its rows, and only those rows, without a round trip
/// to the feeder's node (which is busy computing slices of its own). A worker that cannot open them (a folder that is
/// not mounted on its node) asks the feeder instead.
/// </summary>
public sealed class WorkerRows
{
    private readonly Dictionary<DataStream, DirectBatchFeed> feeds;
    private readonly Dictionary<(DataStream, long, int, int), float[]> readAhead = new();

    private WorkerRows(TrainingOptions options, IImageSource synthetic, IImageSource real)
    {
        // The feeder's plans: the same images in the same batches.
        feeds = new[] { DataStream.SyntheticForRefiner, DataStream.SyntheticForDiscriminator, DataStream.Real }.ToDictionary(s => s, s =>
        {
            var source = s == DataStream.Real ? real : synthetic;
            return new DirectBatchFeed(source, DataStreams.Plan(s, options, source.Count));
        });
    }

    /// <summary>The run's datasets opened on this node, or null with the reason when they cannot be.</summary>
    public static WorkerRows? TryOpen(RunInfo run, TrainingOptions options, IRunData data, out string? why)
    {
        try
        {
            // The seeds the feeder opens them with, so generators draw the same images.
            var synthetic = data.OpenCopy(run.Synthetic, options.Seed, run.Strict, null);
            var real = data.OpenCopy(run.Real, options.Seed + 1, run.Strict, synthetic.Shape.Channels);
            why = null;
            return new WorkerRows(options, synthetic, real);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            why = ex.Message;
            return null;
        }
    }

    /// <summary>Rows [start, start + count) of batch <paramref name="number"/> of a stream, pixels in [0, 1].</summary>
    public float[] Read(DataStream stream, long number, int start, int count) =>
        readAhead.Remove((stream, number, start, count), out var ready) ? ready : Render(stream, number, start, count);

    /// <summary>
    /// Reads rows a later slice will probably ask for, while the worker would otherwise wait: a worker is usually
    /// handed the same rows of the next batch, and rendering or decoding them is part of a slice's time otherwise.
    /// Only one batch per stream is kept (at most a batch of memory each): rows of any other batch are dropped.
    /// </summary>
    public void ReadAhead(DataStream stream, long number, int start, int count)
    {
        var key = (stream, number, start, count);
        if (count == 0 || readAhead.ContainsKey(key)) return;
        foreach (var stale in readAhead.Keys.Where(k => k.Item1 == stream && k.Item2 != number).ToList()) readAhead.Remove(stale);
        readAhead[key] = Render(stream, number, start, count);
    }

    /// <summary>How many row runs are held, read ahead and not yet asked for.</summary>
    public int ReadAheadHeld => readAhead.Count;

    private float[] Render(DataStream stream, long number, int start, int count) => feeds[stream].TakeRows(number, start, count);
}
