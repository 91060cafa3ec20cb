using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class HistoryBufferTests
{
    static readonly ImageShape Shape = new(1, 1, 2);

    static float[] Images(int n, float start) => Enumerable.Range(0, n * 2).Select(i => start + i / 2).Select(v => (float)v).ToArray();

    /// <summary>What a D step does to the buffer: plan where n images go, then write them there.</summary>
    static void Add(HistoryBuffer buffer, float[] images, int n, DeterministicRandom rng, long step) =>
        buffer.Images.Write(step, buffer.Slots.PlanAdd(n, rng), images);

    [Fact]
    public void Fills_by_appending_then_replaces_exactly_n_slots()
    {
        var rng = new DeterministicRandom(1);
        var buffer = new HistoryBuffer(4, Shape);
        Assert.False(buffer.CanSample(2));
        Add(buffer, Images(2, 10), 2, rng, 0);
        Add(buffer, Images(2, 20), 2, rng, 1);
        Assert.Equal(4, buffer.Count);
        Assert.Equal(new float[] { 10, 10, 11, 11, 20, 20, 21, 21 }, buffer.Contents.ToArray());

        Add(buffer, Images(2, 30), 2, rng, 2);
        var after = buffer.Contents.ToArray();
        Assert.Equal(4, buffer.Count);
        Assert.Equal(6, buffer.Added);
        // Exactly two of the four slots now hold the new images, and no old image is duplicated.
        var firstPixels = Enumerable.Range(0, 4).Select(i => after[i * 2]).ToList();
        Assert.Equal(2, firstPixels.Count(v => v >= 30));
        Assert.Equal(4, firstPixels.Distinct().Count());
    }

    [Fact]
    public void Restore_round_trips_contents_and_refuses_contents_that_do_not_fit()
    {
        var rng = new DeterministicRandom(6);
        var buffer = new HistoryBuffer(4, Shape);
        Add(buffer, Images(3, 10), 3, rng, 0);
        var saved = buffer.Contents.ToArray();

        var restored = new HistoryBuffer(4, Shape);
        restored.Restore(saved, buffer.Added);
        Assert.Equal(saved, restored.Contents.ToArray());
        Assert.Equal(3, restored.Count);
        Assert.Equal(3, restored.Added);

        var fresh = new HistoryBuffer(4, Shape);
        Assert.Throws<InvalidDataException>(() => fresh.Restore(new float[3], 1));      // not whole images
        Assert.Throws<InvalidDataException>(() => fresh.Restore(new float[10], 5));     // 5 images in 4 slots
        Assert.Throws<InvalidDataException>(() => fresh.Restore(new float[4], 1));      // 2 stored, only 1 ever added
        Assert.Equal(0, fresh.Count);
    }

    [Fact]
    public void Training_fills_the_buffer_and_mixes_history_into_D_batches()
    {
        // The public bug this guards against: a buffer that is never written, so D never sees history.
        var options = TinyImages.SmallOptions(steps: 14) with { BufferSize = 6 };
        var dir = Directory.CreateTempSubdirectory("simgan-buffer-").FullName;
        var shape = new ImageShape(1, 8, 8);
        using var trainer = new LocalTrainer(options, new TinyImages(shape, null, 0.8f), new TinyImages(shape, null, 0.3f),
            new Core.Checkpoints.CheckpointDirectory(dir));
        trainer.Run(new RecordingObserver());
        long dSteps = trainer.Schedule.State.DSteps;
        Assert.True(dSteps >= 3);
        Assert.Equal(dSteps * options.BatchSize / 2, trainer.Buffer.Added);
        Assert.Equal(options.BufferSize, trainer.Buffer.Count);
    }
}
