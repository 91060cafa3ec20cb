using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests;

/// <summary>Keeps what a trainer reports, for assertions.</summary>
public sealed class RecordingObserver : ITrainingObserver
{
    public List<StepRecord> Steps { get; } = [];
    public List<long> SampleSteps { get; } = [];
    public List<string> Checkpoints { get; } = [];

    public void OnStep(StepRecord record) => Steps.Add(record);
    public void OnSamples(long step, float[] synthetic, float[] refined, int count, ImageShape shape) => SampleSteps.Add(step);
    public void OnCheckpoint(long step, string path) => Checkpoints.Add(path);
}
