using SimGan.Cluster.HistoryBuffer;
using SimGan.Cluster.Training;

namespace SimGan.Cluster.Tests.Training;

public class ShardedImagesTests
{
    const int Pixels = 3;

    /// <summary>Image number v as Pixels floats: v, v + 0.1, v + 0.2.</summary>
    static float[] ImagesOf(IEnumerable<int> values) => values.SelectMany(v => new[] { v, v + 0.1f, v + 0.2f }).ToArray();

    [Fact]
    public void Images_from_several_shards_land_in_the_order_they_were_asked_for()
    {
        var layout = new ShardLayout(12, 3);
        int[] asked = [9, 0, 5, 11, 3, 4];
        var groups = layout.Group(asked);
        var gather = new ShardedImages(4, asked.Length, Pixels, groups.ToDictionary(g => g.Key, g => g.Value.Positions));
        Assert.Equal(new[] { 0, 1, 2 }, gather.Waiting.Order());

        // Each shard answers with its images in the order of its local slots; shards answer in any order.
        foreach (int shard in new[] { 2, 0, 1 })
        {
            Assert.False(gather.Complete);
            gather.Accept(shard, ImagesOf(groups[shard].Local.Select(local => layout.Start(shard) + local)));
        }
        Assert.True(gather.Complete);
        Assert.Equal(4, gather.Request);
        Assert.Equal(ImagesOf(asked), gather.Pixels);
    }

    [Fact]
    public void A_duplicate_answer_is_ignored()
    {
        var gather = new ShardedImages(1, 2, Pixels, new() { [0] = [1], [1] = [0] });
        gather.Accept(0, ImagesOf([5]));
        gather.Accept(0, ImagesOf([99]));
        gather.Accept(1, ImagesOf([6]));
        Assert.Equal(ImagesOf([6, 5]), gather.Pixels);
        gather.Accept(1, ImagesOf([77]));
        Assert.Equal(ImagesOf([6, 5]), gather.Pixels);
    }

    [Fact]
    public void An_answer_from_a_shard_that_was_not_asked_is_ignored()
    {
        var gather = new ShardedImages(1, 1, Pixels, new() { [2] = [0] });
        gather.Accept(0, ImagesOf([1, 2, 3]));
        Assert.False(gather.Complete);
        Assert.Equal(new[] { 2 }, gather.Waiting);
    }

    [Fact]
    public void A_request_that_needs_no_shard_is_complete_at_once()
    {
        Assert.True(new ShardedImages(1, 0, Pixels, new()).Complete);
    }

    [Fact]
    public void An_answer_of_the_wrong_size_is_refused_and_its_shard_is_still_waited_for()
    {
        // The coordinator asks a waiting shard again after request-timeout; a bad answer must not count as one.
        var gather = new ShardedImages(1, 2, Pixels, new() { [0] = [0, 1] });
        // Refused, not thrown: a throw restarted the whole coordinator from its last snapshot.
        Assert.Contains("shard 0", gather.Accept(0, ImagesOf([1])));
        Assert.False(gather.Complete);
        Assert.Equal(new[] { 0 }, gather.Waiting);
        Assert.Null(gather.Accept(0, ImagesOf([1, 2])));
        Assert.True(gather.Complete);
        Assert.Equal(ImagesOf([1, 2]), gather.Pixels);
    }
}
