using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Server;

/// <summary>
/// Prometheus gauges read from <see cref="IClusterAdmin"/> at each scrape, so they are never staler than the scrape.
/// Each server owns its registry: several servers (tests, or two nodes in one process) must not share gauges.
/// Unknown values (no loss yet, no snapshot yet, no training) are NaN, which Prometheus shows as a gap, not a zero.
/// </summary>
internal sealed class AdminMetrics
{
    private static readonly string[] MemberStatuses = ["Joining", "WeaklyUp", "Up", "Leaving", "Exiting", "Down", "Removed"];

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Func<IClusterAdmin> _admin;
    private readonly ILogger _log;

    private readonly Gauge _trainingRunning, _step, _totalSteps, _lossD, _lossRAdversarial, _lossRSelfRegularization,
        _imagesPerSecond, _bytesSent, _bytesReceived, _bufferFill, _bufferCapacity, _snapshotAge, _lastSnapshotStep,
        _workersUp, _workersWanted, _paused, _members, _unreachable;

    public AdminMetrics(Func<IClusterAdmin> admin, ILogger log)
    {
        _admin = admin;
        _log = log;
        var f = Metrics.WithCustomRegistry(_registry);
        _trainingRunning = f.CreateGauge("simgan_training_running", "1 when this cluster runs a training, else 0");
        _step = f.CreateGauge("simgan_training_step", "Adversarial iterations completed");
        _totalSteps = f.CreateGauge("simgan_training_total_steps", "Adversarial iterations planned");
        _lossD = f.CreateGauge("simgan_training_loss_d", "Last discriminator loss");
        _lossRAdversarial = f.CreateGauge("simgan_training_loss_r_adversarial", "Last refiner adversarial loss");
        _lossRSelfRegularization = f.CreateGauge("simgan_training_loss_r_self_regularization", "Last refiner self-regularisation loss");
        _imagesPerSecond = f.CreateGauge("simgan_training_images_per_second", "Refined images per second, recent average");
        _bytesSent = f.CreateGauge("simgan_message_bytes_sent", "Bytes of training messages sent since the start");
        _bytesReceived = f.CreateGauge("simgan_message_bytes_received", "Bytes of training messages received since the start");
        _bufferFill = f.CreateGauge("simgan_buffer_fill_images", "Images held in the history buffer");
        _bufferCapacity = f.CreateGauge("simgan_buffer_capacity_images", "Images the history buffer can hold");
        _snapshotAge = f.CreateGauge("simgan_snapshot_age_seconds", "Seconds since the last training snapshot");
        _lastSnapshotStep = f.CreateGauge("simgan_snapshot_step", "Step of the last training snapshot");
        _workersUp = f.CreateGauge("simgan_discriminator_workers_up", "Discriminator workers taking part");
        _workersWanted = f.CreateGauge("simgan_discriminator_workers_wanted", "Discriminator workers asked for");
        _paused = f.CreateGauge("simgan_training_paused", "1 when training is paused by an operator");
        _members = f.CreateGauge("simgan_cluster_members", "Cluster members by status", "status");
        _unreachable = f.CreateGauge("simgan_cluster_unreachable_members", "Cluster members this node sees as unreachable");
        _registry.AddBeforeCollectCallback(RefreshAsync);
    }

    // The Prometheus text exposition format, version 0.0.4 (what CollectAndExportAsTextAsync writes).
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = TextFormat;
        await _registry.CollectAndExportAsTextAsync(response.Body, ct);
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        // A failing cluster query must not fail the scrape: the gauges that could not be read show as gaps.
        try { SetCluster(await _admin().GetClusterAsync(ct)); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogWarning(ex, "Metrics: could not read the cluster state");
            SetCluster(null);
        }
        try { SetTraining(await _admin().GetTrainingAsync(ct)); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogWarning(ex, "Metrics: could not read the training status");
            SetTraining(null);
        }
    }

    private void SetCluster(ClusterView? cluster)
    {
        foreach (var status in MemberStatuses)
            _members.WithLabels(status).Set(cluster is null ? double.NaN : cluster.Members.Count(m => m.Status == status));
        _unreachable.Set(cluster is null ? double.NaN : cluster.Members.Count(m => !m.Reachable));
    }

    private void SetTraining(TrainingStatusView? t)
    {
        _trainingRunning.Set(t is null ? 0 : 1);
        _step.Set(t?.Step ?? double.NaN);
        _totalSteps.Set(t?.TotalSteps ?? double.NaN);
        _lossD.Set(t?.LossD ?? double.NaN);
        _lossRAdversarial.Set(t?.LossRAdversarial ?? double.NaN);
        _lossRSelfRegularization.Set(t?.LossRSelfRegularization ?? double.NaN);
        _imagesPerSecond.Set(t?.ImagesPerSecond ?? double.NaN);
        _bytesSent.Set(t?.MessageBytesSent ?? double.NaN);
        _bytesReceived.Set(t?.MessageBytesReceived ?? double.NaN);
        _bufferFill.Set(t?.BufferFill ?? double.NaN);
        _bufferCapacity.Set(t?.BufferCapacity ?? double.NaN);
        _snapshotAge.Set(t?.SnapshotAgeSeconds ?? double.NaN);
        _lastSnapshotStep.Set(t?.LastSnapshotStep ?? double.NaN);
        _workersUp.Set(t?.DiscriminatorWorkersUp ?? double.NaN);
        _workersWanted.Set(t?.DiscriminatorWorkersWanted ?? double.NaN);
        _paused.Set(t is null ? double.NaN : t.Paused ? 1 : 0);
    }
}
