using Akka.Actor;

namespace SimGan.Cluster.Workers;

/// <summary>
/// One slice a worker is computing: the requests it has out (to the feeder, to buffer shards) and what came back. A
/// request is sent again when its answer is late; answers to requests it no longer waits for are ignored.
/// </summary>
public sealed class SliceJob(long step, int slice, IActorRef replyTo, DateTime now)
{
    private readonly Dictionary<long, (IActorRef To, object Message)> outstanding = new();
    private readonly Dictionary<long, float[]> answers = new();

    public long Step { get; } = step;

    public int Slice { get; } = slice;

    public IActorRef ReplyTo { get; } = replyTo;

    public DateTime Started { get; } = now;

    public DateTime LastSent { get; private set; } = now;

    /// <summary>What the job does when every outstanding request is answered; the job sets the next stage itself.</summary>
    public Action? WhenAnswered { get; set; }

    public IReadOnlyCollection<long> Outstanding => outstanding.Keys;

    public bool Complete => outstanding.Count == 0;

    public void Send(long request, IActorRef to, object message, IActorRef self)
    {
        outstanding[request] = (to, message);
        to.Tell(message, self);
    }

    /// <summary>Takes an answer; false if it was not awaited (a duplicate, or for another stage).</summary>
    public bool Answer(long request, float[] pixels)
    {
        if (!outstanding.Remove(request)) return false;
        answers[request] = pixels;
        return true;
    }

    public float[] AnswerTo(long request) => answers[request];

    /// <summary>Sends every outstanding request again.</summary>
    public void Resend(IActorRef self, DateTime now)
    {
        foreach (var (to, message) in outstanding.Values) to.Tell(message, self);
        LastSent = now;
    }
}
