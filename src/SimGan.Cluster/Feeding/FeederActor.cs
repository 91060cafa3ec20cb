using Akka.Actor;
using Akka.Event;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Cluster.Feeding;

/// <summary>
/// Serves the run's data streams on request (a cluster singleton on the feeder role). It holds no state worth
/// saving: every batch is a function of (seed, stream, number), so a feeder that moves to another node serves the
/// same images.
/// </summary>
public sealed class FeederActor : ReceiveActor
{
    private readonly IRunData data;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private StartFeeding? serving;
    private FeedingStarted? started;
    private readonly Dictionary<DataStream, IBatchFeed> feeds = new();

    public FeederActor(IRunData data)
    {
        this.data = data;
        Receive<StartFeeding>(Start);
        Receive<RequestBatch>(Serve);
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
        if (!feeds.TryGetValue(request.Stream, out var feed))
        {
            log.Warning("batch {0}/{1} asked for before the feeder was started; ignored", request.Stream, request.Number);
            return;
        }
        float[] pixels;
        // A sample that cannot be read (strict mode, or too many bad ones) ends the run with its message; letting
        // the actor restart would only fail again on the same batch.
        try { pixels = feed.Take(request.Number); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Sender.Tell(new FeedingFailed((ex.InnerException ?? ex).Message));
            return;
        }
        Sender.Tell(new BatchReady(request.Stream, request.Number, feed.BatchSize, pixels));
    }

    private void CloseFeeds()
    {
        foreach (var feed in feeds.Values) feed.Dispose();
        feeds.Clear();
        serving = null;
        started = null;
    }

    protected override void PostStop() => CloseFeeds();
}
