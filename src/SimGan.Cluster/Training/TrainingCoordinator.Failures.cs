using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace SimGan.Cluster.Training;

/// <summary>How the coordinator ends a run it cannot go on with, and what it does when it or its store fails.</summary>
public sealed partial class TrainingCoordinator
{
    private void Fail(string reason, bool input = false)
    {
        // The driver prints the reason as its one-line error; the log only records it.
        log.Info("training stops: {0}", reason);
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, loop?.Step ?? 0, false, reason, input));
        Context.Stop(Self);
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // A failure restarts the coordinator from the last snapshot; a failure that keeps coming back ends the run.
        if (++settings.Restarts.Value > 3)
            settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, loop?.Step ?? 0, false, $"training failed repeatedly: {reason.Message}"));
        else
            settings.Warn($"the training coordinator failed ({reason.GetType().Name}: {reason.Message}); restarting it from the last snapshot");
        base.PreRestart(reason, message);
    }

    // Akka stops a persistent actor whose journal failed, and a stopped singleton is never started again: end the run
    // with the reason (the driver exits non-zero) instead of leaving it waiting for nothing. --resume continues it.
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        StoreFailed($"recording step {loop?.Step}", cause);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        StoreFailed($"recording step {loop?.Step}", cause);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        base.OnRecoveryFailure(reason, message);
        StoreFailed("reading the run back", reason);
    }

    private void StoreFailed(string doing, Exception cause) =>
        settings.Outcome.TrySetResult(new TrainingOutcome(firstStep, loop?.Step ?? 0, false,
            $"the store failed while {doing} ({(cause.InnerException ?? cause).Message.TrimEnd('.')}); " +
            $"the last snapshot is at step {lastSnapshotStep?.ToString() ?? "none"}: run again with --resume to continue from it"));
}
