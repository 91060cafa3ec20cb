using SimGan.Cli.Composition;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Training;
using SimGan.Cluster.Workers;
using SimGan.Core.Training;

namespace SimGan.Cluster.Tests.Workers;

public class WorkerRowsTests
{
    static readonly TrainingOptions Options = new() { Seed = 11, BatchSize = 8 };

    static RunInfo Run(string synthetic = "eyes-synthetic", string real = "eyes-real") =>
        new("run", OptionsWire.ToJson(Options), 1, 35, 55, 64, 2, synthetic, real, Strict: false);

    static WorkerRows Open()
    {
        var rows = WorkerRows.TryOpen(Run(), Options, new RunData(), out var why);
        Assert.Null(why);
        return rows!;
    }

    [Theory]
    [InlineData(DataStream.SyntheticForRefiner, 0L, 0, 8)]
    [InlineData(DataStream.SyntheticForRefiner, 3L, 2, 5)]
    [InlineData(DataStream.SyntheticForDiscriminator, 1L, 2, 2)]
    [InlineData(DataStream.Real, 2L, 4, 4)]
    public void A_worker_reads_exactly_the_feeders_pixels_for_its_rows(DataStream stream, long number, int start, int count)
    {
        var data = new RunData();
        var source = stream == DataStream.Real ? data.Open("eyes-real", Options.Seed + 1, false, 1) : data.Open("eyes-synthetic", Options.Seed, false, null);
        using var feed = data.Feed(source, DataStreams.Plan(stream, Options, source.Count));
        var batch = feed.Take(number);
        int pixels = source.Shape.Pixels;
        Assert.Equal(batch[(start * pixels)..((start + count) * pixels)], Open().Read(stream, number, start, count));
    }

    [Fact]
    public void Rows_read_ahead_are_the_rows_read_later_and_a_wrong_guess_changes_nothing()
    {
        var fresh = Open();
        var ahead = Open();
        ahead.ReadAhead(DataStream.SyntheticForRefiner, 5, 0, 4);
        ahead.ReadAhead(DataStream.Real, 5, 4, 4);   // guessed, never asked for
        Assert.Equal(fresh.Read(DataStream.SyntheticForRefiner, 5, 0, 4), ahead.Read(DataStream.SyntheticForRefiner, 5, 0, 4));
        Assert.Equal(fresh.Read(DataStream.Real, 5, 0, 4), ahead.Read(DataStream.Real, 5, 0, 4));
        // Asked for twice: the second read is rendered again, not an array the first caller may have changed.
        var first = ahead.Read(DataStream.SyntheticForRefiner, 6, 0, 2);
        first[0] = -1;
        Assert.NotEqual(-1, ahead.Read(DataStream.SyntheticForRefiner, 6, 0, 2)[0]);
    }

    [Fact]
    public void Read_ahead_keeps_one_batch_per_stream_so_every_slice_a_worker_holds_stays_read()
    {
        var rows = Open();
        // A worker holding both slices of each kind (a single node): four streams' worth of runs, none evicting another.
        rows.ReadAhead(DataStream.SyntheticForRefiner, 3, 0, 4);
        rows.ReadAhead(DataStream.SyntheticForRefiner, 3, 4, 4);
        rows.ReadAhead(DataStream.SyntheticForDiscriminator, 2, 0, 2);
        rows.ReadAhead(DataStream.SyntheticForDiscriminator, 2, 2, 2);
        rows.ReadAhead(DataStream.Real, 2, 0, 4);
        rows.ReadAhead(DataStream.Real, 2, 4, 4);
        Assert.Equal(6, rows.ReadAheadHeld);
        // A later batch of one stream replaces that stream's runs only.
        rows.ReadAhead(DataStream.Real, 3, 0, 4);
        Assert.Equal(5, rows.ReadAheadHeld);
        rows.Read(DataStream.SyntheticForRefiner, 3, 0, 4);
        Assert.Equal(4, rows.ReadAheadHeld);
    }

    [Fact]
    public void A_worker_that_cannot_open_the_data_says_why_and_asks_the_feeder_instead()
    {
        var rows = WorkerRows.TryOpen(Run(synthetic: "/nonexistent/folder"), Options, new RunData(), out var why);
        Assert.Null(rows);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Fact]
    public void Rows_outside_the_batch_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().Read(DataStream.SyntheticForRefiner, 0, 6, 4));
    }
}
