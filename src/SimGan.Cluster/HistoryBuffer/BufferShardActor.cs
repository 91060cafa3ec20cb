using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.Protocol;

namespace SimGan.Cluster.HistoryBuffer;

/// <summary>
/// One shard of the history buffer: a block of image slots, written and read by slot number. Persistent through
/// snapshots taken when the coordinator checkpoints, so a restarted node gets its history back.
/// </summary>
public sealed class BufferShardActor : ReceivePersistentActor
{
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly string node;
    private int capacity, pixelsPerImage, filled;
    private float[] images = [];
    private long? checkpointStep;
    private IActorRef? checkpointReplyTo;
    private long checkpointAsked;

    public BufferShardActor(string entityId)
    {
        PersistenceId = "simgan-buffer-" + entityId;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BufferShardSnapshot s)
            {
                (capacity, pixelsPerImage, filled, images, checkpointStep) = (s.Capacity, s.PixelsPerImage, s.Filled, Expand(s), s.Step);
                log.Info("buffer shard {0} recovered {1} images from step {2}", entityId, filled, s.Step);
            }
        });

        Command<ConfigureShard>(m =>
        {
            (capacity, pixelsPerImage, filled) = (m.Capacity, m.PixelsPerImage, 0);
            images = new float[(long)m.Capacity * m.PixelsPerImage];
            Sender.Tell(new ShardConfigured(m.Run, m.Shard));
        });
        Command<PutImages>(m =>
        {
            if (!CheckSlots(m.Slots, m.Run, m.Shard) || m.Pixels.Length != m.Slots.Length * pixelsPerImage) return;
            for (int i = 0; i < m.Slots.Length; i++)
            {
                m.Pixels.AsSpan(i * pixelsPerImage, pixelsPerImage).CopyTo(images.AsSpan(m.Slots[i] * pixelsPerImage, pixelsPerImage));
                filled = Math.Max(filled, m.Slots[i] + 1);
            }
            Sender.Tell(new ImagesPut(m.Run, m.Shard, m.Slots.Length));
        });
        Command<SampleImages>(m =>
        {
            if (!CheckSlots(m.Slots, m.Run, m.Shard)) return;
            var pixels = new float[m.Slots.Length * pixelsPerImage];
            for (int i = 0; i < m.Slots.Length; i++)
                images.AsSpan(m.Slots[i] * pixelsPerImage, pixelsPerImage).CopyTo(pixels.AsSpan(i * pixelsPerImage));
            Sender.Tell(new ImagesSampled(m.Run, m.Shard, m.Request, pixels));
        });
        Command<CheckpointShard>(m =>
        {
            checkpointReplyTo = Sender;
            checkpointAsked = m.Step;
            SaveSnapshot(new BufferShardSnapshot(m.Step, capacity, pixelsPerImage, filled, images[..(filled * pixelsPerImage)]));
        });
        Command<SaveSnapshotSuccess>(ok =>
        {
            checkpointStep = checkpointAsked;
            // Older snapshots are superseded; keep one spare in case the newest is damaged.
            DeleteSnapshots(new SnapshotSelectionCriteria(ok.Metadata.SequenceNr - 1));
            checkpointReplyTo?.Tell(new ShardCheckpointed(EntityRun(entityId), EntityShard(entityId), checkpointAsked));
        });
        Command<SaveSnapshotFailure>(failed =>
            log.Warning("buffer shard {0}: saving its snapshot failed ({1}); the coordinator will ask again", entityId, failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => log.Warning("buffer shard {0}: could not delete old snapshots ({1})", entityId, failed.Cause.Message));
        Command<GetShardStats>(m => Sender.Tell(new ShardStats(m.Run, m.Shard, node, filled, capacity, checkpointStep)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId) => Akka.Actor.Props.Create(() => new BufferShardActor(entityId));

    public static string EntityId(string run, int shard) => $"{run}.{shard}";

    private static string EntityRun(string entityId) => entityId[..entityId.LastIndexOf('.')];

    private static int EntityShard(string entityId) => int.Parse(entityId[(entityId.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static float[] Expand(BufferShardSnapshot s)
    {
        var all = new float[(long)s.Capacity * s.PixelsPerImage];
        s.Contents.CopyTo(all, 0);
        return all;
    }

    private bool CheckSlots(int[] slots, string run, int shard)
    {
        if (capacity == 0)
        {
            log.Error("buffer shard {0}.{1} used before it was configured; message dropped", run, shard);
            return false;
        }
        foreach (int s in slots)
            if (s < 0 || s >= capacity)
            {
                log.Error("buffer shard {0}.{1}: slot {2} is outside its {3} slots; message dropped", run, shard, s, capacity);
                return false;
            }
        return true;
    }
}
