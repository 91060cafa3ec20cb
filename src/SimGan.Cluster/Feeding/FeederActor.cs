using Akka.Actor;
using Akka.Event;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Cluster.Feeding;

/// <summary>
/// Serves the run's data streams on request (a cluster singleton on the feeder role): whole batches to the coordinator,
/// rows of them to the slice workers that compute with them. It holds no state worth saving: every batch is a function
/// of (seed, stream, number), so a feeder that moves to another node serves the same images.
/// </summary>
public sealed class FeederActor : ReceiveActor
{
    private readonly IRunData data;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private StartFeeding? serving;
    private FeedingStarted? started;
    private readonly Dictionary<DataStream, IBatchFeed> feeds = new();
    // The last few batches of each stream: a step's slices ask for rows of the same batch, one request per worker.
    private readonly Dictionary<(DataStream, long), float[]> recent = new();
    private readonly Queue<(DataStream, long)> recentOrder = new();
    private const int RecentBatches = 8;

    public FeederActor(IRunData data)
    {
        this.data = data;
        Receive<StartFeeding>(Start);
        Receive<RequestBatch>(Serve);
        Receive<RequestRows>(ServeRows);
    }

    public static Props Props(IRunData data) => Akka.Actor.Props.Create(() => new FeederActor(data));

    private void Start(StartFeeding request)
    {
        if (request == serving && started is not null) { Sender.Tell(started); return; }
        CloseFeeds();
        try
        {
            var options = OptionsWire.FromJson(request.OptionsJson);
            var synthetic = data.Open(request.Synthetic, options.Seed, request.Strict, null);
            var real = data.Open(request.Real, options.Seed + 1, request.Strict, synthetic.Shape.Channels);
            if (synthetic.Shape != real.Shape)
                throw new InvalidDataException($"synthetic images are {synthetic.Shape} but real ones are {real.Shape}; they must match");
            foreach (var stream in Enum.GetValues<DataStream>())
            {
                var source = stream == DataStream.Real ? real : synthetic;
                feeds[stream] = data.Feed(source, DataStreams.Plan(stream, options, source.Count));
            }
            serving = request;
            started = new FeedingStarted(synthetic.Shape.Channels, synthetic.Shape.Height, synthetic.Shape.Width, synthetic.Count ?? -1, real.Count ?? -1);
            log.Info("feeding {0} ({1} images) and {2} ({3} images)", request.Synthetic, synthetic.Count, request.Real, real.Count);
            Sender.Tell(started);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            CloseFeeds();
            Sender.Tell(new FeedingFailed(ex.Message));
        }
    }

    private void Serve(RequestBatch request)
    {
        if (Batch(request.Stream, request.Number) is { } pixels)
            Sender.Tell(new BatchReady(request.Stream, request.Number, feeds[request.Stream].BatchSize, pixels));
    }

    private void ServeRows(RequestRows request)
    {
        if (Batch(request.Stream, request.Number) is not { } pixels) return;
        int size = feeds[request.Stream].Shape.Pixels;
        if (request.Start < 0 || request.Count < 0 || (request.Start + request.Count) * size > pixels.Length)
        {
            log.Warning("rows {0}..{1} of batch {2}/{3} do not exist; ignored", request.Start, request.Start + request.Count, request.Stream, request.Number);
            return;
        }
        Sender.Tell(new RowsReady(request.Request, pixels[(request.Start * size)..((request.Start + request.Count) * size)]));
    }

    /// <summary>The batch, or null after telling the sender why not.</summary>
    private float[]? Batch(DataStream stream, long number)
    {
        if (!feeds.TryGetValue(stream, out var feed))
        {
            log.Warning("batch {0}/{1} asked for before the feeder was started; ignored", stream, number);
            return null;
        }
        if (recent.TryGetValue((stream, number), out var cached)) return cached;
        float[] pixels;
        // A sample that cannot be read (strict mode, or too many bad ones) ends the run with its message; letting
        // the actor restart would only fail again on the same batch.
        try { pixels = feed.Take(number); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Sender.Tell(new FeedingFailed((ex.InnerException ?? ex).Message));
            return null;
        }
        recent[(stream, number)] = pixels;
        recentOrder.Enqueue((stream, number));
        if (recentOrder.Count > RecentBatches) recent.Remove(recentOrder.Dequeue());
        return pixels;
    }

    private void CloseFeeds()
    {
        foreach (var feed in feeds.Values) feed.Dispose();
        feeds.Clear();
        recent.Clear();
        recentOrder.Clear();
        serving = null;
        started = null;
    }

    protected override void PostStop() => CloseFeeds();
}
