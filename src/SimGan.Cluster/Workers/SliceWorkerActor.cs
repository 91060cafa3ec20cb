using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SimGan.Cluster.Feeding;
using SimGan.Cluster.HistoryBuffer;
using SimGan.Cluster.Protocol;
using SimGan.Core.Training;
using TorchSharp;

namespace SimGan.Cluster.Workers;

/// <summary>
/// A data-parallel trainer: computes slices of R's steps (refiner role) and of D's steps (discriminator role) with its
/// copies of R and D, fetching its rows from the feeder and reading and writing its history slots in the buffer shards
/// itself, so that only tasks, gradients and (when it is behind) weights pass through the coordinator. It never updates
/// a network on its own: the coordinator sums the slices, steps the optimizers and sends new weights with the next task.
/// </summary>
public sealed class SliceWorkerActor : ReceiveActor, IWithTimers
{
    private sealed record RegisterTick;
    private sealed record Sweep;
    private sealed record ReadAhead(DataStream Stream, long Number, int Start, int Count);

    private readonly IActorRef coordinator, feeder, buffer;
    private readonly IRunData data;
    private WorkerRows? rows;
    private readonly string node;
    private readonly bool refines, discriminates;
    private readonly TimeSpan retryAfter;
    private readonly torch.Device device;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<long, SliceJob> jobsByRequest = new();
    private readonly HashSet<SliceJob> jobs = new();
    private WorkerNetworks? networks;
    private long requests;

    public SliceWorkerActor(IActorRef coordinatorProxy, IActorRef feeder, IActorRef buffer, IRunData data, bool refines, bool discriminates,
                            TimeSpan retryAfter, torch.Device device)
    {
        coordinator = coordinatorProxy;
        this.data = data;
        this.feeder = feeder;
        this.buffer = buffer;
        this.refines = refines;
        this.discriminates = discriminates;
        this.retryAfter = retryAfter;
        this.device = device;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<RegisterTick>(_ => coordinator.Tell(new RegisterWorker(node, refines, discriminates)));
        Receive<WorkerRegistered>(_ =>
        {
            Timers.Cancel("register");
            Context.Watch(Sender);
            log.Info("registered with the training coordinator at {0}", Sender.Path);
        });
        // The coordinator moved or restarted: announce ourselves to its successor.
        Receive<Terminated>(_ => StartRegistering());
        Receive<RefinerSliceTask>(OnRefinerTask);
        Receive<DiscriminatorSliceTask>(OnDiscriminatorTask);
        Receive<RowsReady>(m => Deliver(m.Request, m.Pixels));
        Receive<ImagesSampled>(m => Deliver(m.Request, m.Pixels));
        Receive<ImagesPut>(m => Deliver(m.Request, []));
        // A dataset that cannot be read ends the run; the coordinator says so to the user.
        Receive<FeedingFailed>(m => coordinator.Tell(m));
        Receive<Sweep>(_ => OnSweep());
        Receive<ReadAhead>(m => rows?.ReadAhead(m.Stream, m.Number, m.Start, m.Count));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The dispatcher a slice worker runs on (hocon/base.conf): a thread of its own, so its computations never hold up the node's other actors.</summary>
    public const string Dispatcher = "simgan.slice-dispatcher";

    public static Props Props(IActorRef coordinatorProxy, IActorRef feeder, IActorRef buffer, IRunData data, bool refines, bool discriminates,
                              TimeSpan retryAfter, torch.Device device) =>
        Akka.Actor.Props.Create(() => new SliceWorkerActor(coordinatorProxy, feeder, buffer, data, refines, discriminates, retryAfter, device));

    protected override void PreStart()
    {
        StartRegistering();
        Timers.StartPeriodicTimer("sweep", new Sweep(), TimeSpan.FromSeconds(1));
    }

    private void StartRegistering() => Timers.StartPeriodicTimer("register", new RegisterTick(), TimeSpan.Zero, TimeSpan.FromSeconds(1));

    /// <summary>Takes a task's weights; says so the first time each network arrives, so a log shows every worker took part.</summary>
    private string? Prepare(WorkerNetworks n, NetworkWeights? r, NetworkWeights? d, long rVersion, long dVersion, bool needsR, bool needsD)
    {
        bool firstR = n.RefinerVersion < 0 && r is not null, firstD = n.DiscriminatorVersion < 0 && d is not null;
        var why = n.Prepare(r, d, rVersion, dVersion, needsR, needsD);
        if (firstR) log.Info("received R weights (version {0}); computing slices", r!.Version);
        if (firstD) log.Info("received D weights (version {0}); computing slices", d!.Version);
        return why;
    }

    private WorkerNetworks NetworksFor(RunInfo run)
    {
        if (networks?.Run != run)
        {
            networks?.Dispose();
            networks = new WorkerNetworks(run, device);
            rows = WorkerRows.TryOpen(run, networks.Options, data, out var why);
            if (why is not null) log.Info("cannot open the run's data here ({0}); asking the feeder for rows", why);
            log.Info("building R and D for run {0}", run.RunId);
        }
        return networks;
    }

    private void OnRefinerTask(RefinerSliceTask t)
    {
        var clock = Stopwatch.StartNew();
        if (!refines) { Refuse(t.Step, t.Slice, "this worker has no refiner role"); return; }
        var n = NetworksFor(t.Run);
        if (Prepare(n, t.Refiner, t.Discriminator, t.RefinerVersion, t.DiscriminatorVersion, true, t.Adversarial) is { } why)
        {
            Refuse(t.Step, t.Slice, why);
            return;
        }
        var job = Start(t.Step, t.Slice);
        var synthetic = Rows(job, DataStream.SyntheticForRefiner, t.Batch, t.RowStart, t.RowCount);
        job.WhenAnswered = () =>
        {
            var result = n.ComputeRefiner(t, synthetic());
            Finish(job, new RefinerSliceComputed(t.Step, t.Slice, result.Gradient, result.Adversarial, result.SelfRegularization, clock.Elapsed.TotalSeconds));
            ReadAheadFor(new ReadAhead(DataStream.SyntheticForRefiner, t.Batch + 1, t.RowStart, t.RowCount));
        };
        if (job.Complete) Answered(job);
    }

    /// <summary>A slice's rows: read here when this node can open the run's data, else asked of the feeder.</summary>
    private Func<float[]> Rows(SliceJob job, DataStream stream, long number, int start, int count)
    {
        if (count == 0) return () => [];
        if (rows is not null)
        {
            var read = rows.Read(stream, number, start, count);
            return () => read;
        }
        long id = Request(job, feeder, request => new RequestRows(request, stream, number, start, count));
        return () => job.AnswerTo(id);
    }

    private void OnDiscriminatorTask(DiscriminatorSliceTask t)
    {
        var clock = Stopwatch.StartNew();
        if (!discriminates) { Refuse(t.Step, t.Slice, "this worker has no discriminator role"); return; }
        var n = NetworksFor(t.Run);
        var rows = WorkerNetworks.Rows(t);
        bool current = rows.Current.Count > 0;
        if (Prepare(n, t.Refiner, t.Discriminator, t.RefinerVersion, t.DiscriminatorVersion, current, true) is { } why)
        {
            Refuse(t.Step, t.Slice, why);
            return;
        }
        var job = Start(t.Step, t.Slice);
        var layout = new ShardLayout(t.Run.BufferCapacity, t.Run.BufferShards);
        var synthetic = Rows(job, DataStream.SyntheticForDiscriminator, t.Batch, rows.Current.Start, rows.Current.Count);
        var real = Rows(job, DataStream.Real, t.Batch, t.RealStart, t.RealCount);
        var reads = layout.Group(t.ReadSlots).Select(g => (g.Value.Positions, Request: Request(job, buffer,
            id => new SampleImages(t.Run.RunId, g.Key, id, t.Step, g.Value.Local.ToArray())))).ToList();
        job.WhenAnswered = () =>
        {
            var history = Gather(reads.Select(r => (r.Positions, job.AnswerTo(r.Request))), t.ReadSlots.Length, n.Shape.Pixels);
            var result = n.ComputeDiscriminator(t, synthetic(), history, real());
            var answer = new DiscriminatorSliceComputed(t.Step, t.Slice, result.Gradient.Gradient, result.Gradient.Loss, 0);
            // The slice is done once its refined images are in the history: the coordinator's next read must find them.
            foreach (var (shard, (local, positions)) in layout.Group(t.WriteSlots))
            {
                var pixels = Gather(positions, result.CurrentPixels, n.Shape.Pixels);
                Request(job, buffer, id => new PutImages(t.Run.RunId, shard, id, t.Step, local.ToArray(), pixels));
            }
            job.WhenAnswered = () =>
            {
                Finish(job, answer with { Seconds = clock.Elapsed.TotalSeconds });
                ReadAheadFor(new ReadAhead(DataStream.SyntheticForDiscriminator, t.Batch + 1, t.CurrentStart, t.CurrentCount),
                             new ReadAhead(DataStream.Real, t.Batch + 1, t.RealStart, t.RealCount));
            };
            if (job.Complete) job.WhenAnswered();
        };
        if (job.Complete) Answered(job);
    }

    /// <summary>Images from several shard answers back into the order they were asked for.</summary>
    private static float[] Gather(IEnumerable<(List<int> Positions, float[] Pixels)> parts, int count, int pixels)
    {
        var all = new float[count * pixels];
        foreach (var (positions, part) in parts)
            for (int i = 0; i < positions.Count; i++) part.AsSpan(i * pixels, pixels).CopyTo(all.AsSpan(positions[i] * pixels));
        return all;
    }

    /// <summary>The images at <paramref name="positions"/> of a batch, in that order.</summary>
    private static float[] Gather(List<int> positions, float[] batch, int pixels)
    {
        var picked = new float[positions.Count * pixels];
        for (int i = 0; i < positions.Count; i++) batch.AsSpan(positions[i] * pixels, pixels).CopyTo(picked.AsSpan(i * pixels));
        return picked;
    }

    private SliceJob Start(long step, int slice)
    {
        var job = new SliceJob(step, slice, Sender, DateTime.UtcNow);
        jobs.Add(job);
        return job;
    }

    private long Request(SliceJob job, IActorRef to, Func<long, object> message)
    {
        long id = ++requests;
        jobsByRequest[id] = job;
        job.Send(id, to, message(id), Self);
        return id;
    }

    private void Deliver(long request, float[] pixels)
    {
        if (!jobsByRequest.Remove(request, out var job) || !job.Answer(request, pixels) || !job.Complete) return;
        Answered(job);
    }

    /// <summary>Runs the job's next stage now that nothing is outstanding; a computation that fails refuses the slice.</summary>
    private void Answered(SliceJob job)
    {
        try { job.WhenAnswered?.Invoke(); }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            Drop(job);
            Refuse(job.Step, job.Slice, ex.Message, job.ReplyTo);
        }
    }

    /// <summary>Asks this actor to read the next batch's rows once its mailbox is empty of earlier work (after the answer is sent).</summary>
    private void ReadAheadFor(params ReadAhead[] reads)
    {
        if (rows is null) return;
        foreach (var read in reads) Self.Tell(read);
    }

    private void Finish(SliceJob job, object answer)
    {
        Drop(job);
        job.ReplyTo.Tell(answer);
    }

    private void Drop(SliceJob job)
    {
        jobs.Remove(job);
        foreach (long id in job.Outstanding) jobsByRequest.Remove(id);
    }

    private void Refuse(long step, int slice, string reason, IActorRef? to = null) => (to ?? Sender).Tell(new SliceRefused(step, slice, reason));

    private void OnSweep()
    {
        var now = DateTime.UtcNow;
        foreach (var job in jobs.ToList())
        {
            // The coordinator hands a slice to someone else after its slice timeout; a job this old is not waited for.
            if (now - job.Started > 10 * retryAfter) { Drop(job); continue; }
            if (now - job.LastSent > retryAfter) job.Resend(Self, now);
        }
    }

    protected override void PostStop() => networks?.Dispose();
}
