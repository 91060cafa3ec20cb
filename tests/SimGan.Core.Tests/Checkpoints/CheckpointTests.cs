using SimGan.Core.Checkpoints;
using SimGan.Core.Images;
using SimGan.Core.Tests.Training;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Checkpoints;

public class CheckpointTests
{
    [Fact]
    public void Round_trips_sections()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "a.sgck");
        CheckpointFile.Write(path, new Dictionary<string, byte[]> { ["x"] = [1, 2, 3], ["empty"] = [] });
        var read = CheckpointFile.Read(path);
        Assert.Equal(new byte[] { 1, 2, 3 }, read["x"]);
        Assert.Empty(read["empty"]);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public void Corrupted_files_are_refused_with_the_file_named(string damage)
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "b.sgck");
        CheckpointFile.Write(path, new Dictionary<string, byte[]> { ["x"] = new byte[1000] });
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "flip" => Flip(bytes, 500),
            "truncate" => bytes[..700],
            _ => "not a checkpoint"u8.ToArray(),
        };
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Read(path));
        Assert.Contains("b.sgck", ex.Message);
    }

    [Fact]
    public void Resume_skips_a_corrupted_newest_checkpoint_for_the_one_before_and_warns()
    {
        string dir = LocalTrainerTests.Temp();
        var shape = new ImageShape(1, 8, 8);
        var options = TinyImages.SmallOptions(steps: 8);
        using (var t = new LocalTrainer(options, new TinyImages(shape, null, 1), new TinyImages(shape, null, 0.5f),
                   new CheckpointDirectory(dir))) t.Run(new RecordingObserver());
        var store = new CheckpointDirectory(dir);
        string newest = store.Newest()[0];
        File.WriteAllBytes(newest, Flip(File.ReadAllBytes(newest), 100));

        var warnings = new List<string>();
        using var resumed = new LocalTrainer(options, new TinyImages(shape, null, 1), new TinyImages(shape, null, 0.5f),
            store, resume: true, warn: warnings.Add);
        Assert.Equal(4, resumed.Schedule.Step);
        Assert.Contains(warnings, w => w.Contains(Path.GetFileName(newest)) && w.Contains("checksum"));
    }

    [Fact]
    public void A_checkpoint_taken_before_any_discriminator_step_round_trips()
    {
        // Regression: the running D loss is NaN until the first D step, and writing it as JSON used to throw.
        string dir = LocalTrainerTests.Temp();
        var shape = new ImageShape(1, 8, 8);
        var options = TinyImages.SmallOptions(steps: 4) with { PretrainRSteps = 4, CheckpointEvery = 2 };
        using (var t = new LocalTrainer(options, new TinyImages(shape, null, 1), new TinyImages(shape, null, 0.5f),
                   new CheckpointDirectory(dir))) t.Run(new RecordingObserver());
        using var resumed = new LocalTrainer(options with { Steps = 6 }, new TinyImages(shape, null, 1), new TinyImages(shape, null, 0.5f),
            new CheckpointDirectory(dir), resume: true);
        Assert.Equal(4, resumed.Schedule.Step);
        Assert.True(double.IsNaN(resumed.Schedule.State.RecentDLoss));
    }

    [Fact]
    public void Sections_that_pass_the_checksum_but_do_not_parse_are_invalid_data()
    {
        // Found by AFL++ (the checksum recomputed, as a faulty writer would): metadata that is not JSON or holds
        // nulls, and weights that do not fit the model, escaped as JsonException, NullReferenceException and
        // ArgumentException instead of the one-line InvalidDataException a resume reports.
        var shape = new ImageShape(1, 8, 8);
        using var model = SimGanModel.Create(TinyImages.SmallOptions(), shape);
        var buffer = new HistoryBuffer(model.Options.BufferSize, shape);
        var good = CheckpointFile.Decode(TrainingCheckpoint.Encode(model, new TrainingSchedule(model.Options), new DeterministicRandom(1), buffer), "memory");
        Dictionary<string, byte[]> With(string section, byte[] bytes) => new(good) { [section] = bytes };

        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Peek(With("meta.json", "{\"FormatVersion\": 2,"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Peek(With("meta.json", "{\"FormatVersion\": 2, \"Options\": null}"u8.ToArray())));
        var mismatch = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Restore(With("discriminator", good["refiner"]), model));
        Assert.Contains("'discriminator'", mismatch.Message);
    }

    static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0xFF;
        return copy;
    }
}
