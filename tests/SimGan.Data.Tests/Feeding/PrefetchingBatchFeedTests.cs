using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Eyes;
using SimGan.Data.Feeding;

namespace SimGan.Data.Tests.Feeding;

public class PrefetchingBatchFeedTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(50L)]
    public void Delivers_exactly_what_the_direct_feed_delivers(long? count)
    {
        var source = new EyeDataset(EyeDomain.Synthetic, count, 5);
        var plan = new BatchPlan(5, "synthetic", 8, count);
        using var direct = new DirectBatchFeed(source, plan);
        using var prefetch = new PrefetchingBatchFeed(source, plan, workers: 2, depth: 3);
        for (long k = 0; k < 20; k++) Assert.Equal(direct.Take(k), prefetch.Take(k));
    }

    [Fact]
    public void A_jump_in_batch_numbers_returns_the_right_batches()
    {
        var source = new EyeDataset(EyeDomain.Real, null, 2);
        var plan = new BatchPlan(2, "real", 4, null);
        using var direct = new DirectBatchFeed(source, plan);
        using var prefetch = new PrefetchingBatchFeed(source, plan, workers: 2, depth: 4);
        foreach (long k in new long[] { 0, 1, 2, 100, 101, 7, 8, 8, 3 })
            Assert.Equal(direct.Take(k), prefetch.Take(k));
    }

    sealed class Failing : IDataset
    {
        public string Spec => "failing";
        public ImageShape Shape => new(1, 1, 1);
        public long? Count => null;
        public string SampleName(long index) => $"{index}";
        public JsonObject? Labels(long index) => null;
        public void ReadImage(long index, Span<float> destination) =>
            throw new DatasetException($"sample {index} cannot be read");
    }

    [Fact]
    public void A_worker_s_error_surfaces_on_take()
    {
        using var prefetch = new PrefetchingBatchFeed(new Failing(), new BatchPlan(0, "s", 2, null));
        var error = Assert.Throws<DatasetException>(() => prefetch.Take(0));
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Dispose_stops_its_threads_and_later_takes_fail()
    {
        var source = new EyeDataset(EyeDomain.Synthetic, null, 1);
        var prefetch = new PrefetchingBatchFeed(source, new BatchPlan(1, "s", 16, null), workers: 2, depth: 4);
        prefetch.Take(0);
        int before = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        prefetch.Dispose();
        prefetch.Dispose();
        Assert.Throws<ObjectDisposedException>(() => prefetch.Take(1));
        Assert.True(System.Diagnostics.Process.GetCurrentProcess().Threads.Count <= before);
    }
}
