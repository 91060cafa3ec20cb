using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class HistoryImagesTests
{
    static float[] Image(float value) => [value, value];

    [Fact]
    public void A_steps_reads_see_the_history_before_that_step_wrote_whatever_the_order()
    {
        // D's slices read history and write their own images in any order, on any node; all of them must read what
        // the step began with, as Algorithm 1 samples the history before adding to it.
        var images = new HistoryImages(3, 2);
        images.Write(5, [0, 1, 2], [1, 1, 2, 2, 3, 3]);
        images.Write(6, [1], Image(20));
        Assert.Equal(Image(2), images.Read(6, [1]));
        images.Write(6, [1], Image(20)); // a retried write changes nothing
        Assert.Equal(Image(2), images.Read(6, [1]));
        Assert.Equal([1, 1, 3, 3], images.Read(6, [0, 2]));
        // The next step sees what this one wrote.
        Assert.Equal(Image(20), images.Read(7, [1]));
    }

    [Fact]
    public void A_late_write_of_an_older_step_is_ignored()
    {
        var images = new HistoryImages(2, 2);
        images.Write(8, [0], Image(8));
        images.Write(7, [0], Image(7));
        Assert.Equal(Image(8), images.Read(9, [0]));
    }

    [Fact]
    public void Slots_outside_the_block_and_wrong_sizes_are_refused()
    {
        var images = new HistoryImages(2, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Read(0, [2]));
        Assert.Throws<ArgumentException>(() => images.Write(0, [0], [1, 2, 3]));
    }

    [Fact]
    public void Restore_replaces_the_contents_and_forgets_the_steps_in_flight()
    {
        var images = new HistoryImages(2, 2);
        images.Write(3, [0], Image(3));
        images.Restore([9, 9]);
        Assert.Equal([9, 9, 0, 0], images.Contents(2).ToArray());
        Assert.Equal(Image(9), images.Read(3, [0]));
    }
}
