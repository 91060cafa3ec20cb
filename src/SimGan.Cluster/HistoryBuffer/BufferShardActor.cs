using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimGan.Cluster.Protocol;
using SimGan.Core.Training;

namespace SimGan.Cluster.HistoryBuffer;

/// <summary>
/// One shard of the history buffer: a block of image slots, read and written by slot number and step
/// (<see cref="HistoryImages"/>: a step's reads see the block as it was before that step wrote). Slice workers read and
/// write here directly; the coordinator only plans which slots. Snapshotted when the coordinator checkpoints, so a
/// restarted entity starts from its history; the coordinator's own snapshot is what a resumed run restores exactly.
/// </summary>
public sealed class BufferShardActor : ReceivePersistentActor
{
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly string node;
    private int filled;
    private HistoryImages? images;
    private long? checkpointStep;
    private long checkpointAsked;

    public BufferShardActor(string entityId)
    {
        PersistenceId = "simgan-buffer-" + entityId;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BufferShardSnapshot s)
            {
                images = new HistoryImages(s.Capacity, s.PixelsPerImage);
                images.Restore(s.Contents);
                (filled, checkpointStep) = (s.Filled, s.Step);
                log.Info("buffer shard {0} recovered {1} images from step {2}", entityId, filled, s.Step);
            }
        });

        Command<ConfigureShard>(m =>
        {
            images = new HistoryImages(m.Capacity, m.PixelsPerImage);
            filled = 0;
            Sender.Tell(new ShardConfigured(m.Run, m.Shard));
        });
        Command<PutImages>(m =>
        {
            if (!CheckSlots(m.Slots, m.Run, m.Shard) || m.Pixels.Length != m.Slots.Length * images!.PixelsPerImage) return;
            images.Write(m.Step, m.Slots, m.Pixels);
            foreach (int slot in m.Slots) filled = Math.Max(filled, slot + 1);
            Sender.Tell(new ImagesPut(m.Run, m.Shard, m.Request, m.Slots.Length));
        });
        Command<SampleImages>(m =>
        {
            if (!CheckSlots(m.Slots, m.Run, m.Shard)) return;
            Sender.Tell(new ImagesSampled(m.Run, m.Shard, m.Request, images!.Read(m.Step, m.Slots)));
        });
        Command<CheckpointShard>(m =>
        {
            if (images is null) return;
            checkpointAsked = m.Step;
            SaveSnapshot(new BufferShardSnapshot(m.Step, images.Slots, images.PixelsPerImage, filled, images.Contents(filled).ToArray()));
        });
        // The shard persists no events, so every snapshot has sequence number 0 and replaces the one before: there is
        // never more than one to keep or delete.
        Command<SaveSnapshotSuccess>(_ => checkpointStep = checkpointAsked);
        Command<SaveSnapshotFailure>(failed =>
            log.Warning("buffer shard {0}: saving its snapshot failed ({1}); the next checkpoint tries again", entityId, failed.Cause.Message));
        Command<GetShardStats>(m => Sender.Tell(new ShardStats(m.Run, m.Shard, node, filled, images?.Slots ?? 0, checkpointStep)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId) => Akka.Actor.Props.Create(() => new BufferShardActor(entityId));

    public static string EntityId(string run, int shard) => $"{run}.{shard}";

    private bool CheckSlots(int[] slots, string run, int shard)
    {
        if (images is null)
        {
            log.Error("buffer shard {0}.{1} used before it was configured; message dropped", run, shard);
            return false;
        }
        foreach (int s in slots)
            if (s < 0 || s >= images.Slots)
            {
                log.Error("buffer shard {0}.{1}: slot {2} is outside its {3} slots; message dropped", run, shard, s, images.Slots);
                return false;
            }
        return true;
    }
}
