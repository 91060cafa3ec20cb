using SimGan.Core.Images;

namespace SimGan.Core.Training;

/// <summary>One finished step, as metrics.jsonl records it. Losses that the step did not compute are NaN.</summary>
/// <param name="LossScale">In fp16, the loss scale the step used (null otherwise).</param>
/// <param name="Skipped">In fp16, whether the step's gradient overflowed, so its optimizer did not step.</param>
public sealed record StepRecord(long Step, Phase Phase, StepKind Kind, double LossD, double LossRAdv, double LossRReg,
                                double ImagesPerSecond, int KG, int BufferCount, float? LossScale = null, bool Skipped = false);

/// <summary>What the trainer reports as it goes; the run folder, progress bars and the cluster listen to this.</summary>
public interface ITrainingObserver
{
    void OnStep(StepRecord record);

    /// <summary>Synthetic images next to their refined versions (pixels in [0, 1]), every few steps.</summary>
    void OnSamples(long step, float[] synthetic, float[] refined, int count, ImageShape shape);

    void OnCheckpoint(long step, string path);
}
