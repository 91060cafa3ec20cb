using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Refining;

namespace SimGan.Data.Tests.Refining;

public sealed class DatasetRefinementTests
{
    // A stand-in for a refiner: deterministic and position-free, so any batching gives the same pixels.
    static float[] Darken(float[] pixels, int count, ImageShape shape) => pixels.Select(p => p * 0.5f).ToArray();

    static IDataset Input() => DatasetSpec.Open("eyes-synthetic:23", new DatasetOptions(Seed: 5));

    [Fact]
    public async Task Batches_answered_out_of_order_are_written_in_batch_order_like_the_local_run()
    {
        using var dir = new TempDirectory();
        new DatasetRefinement(Input(), dir.Combine("local"), "sha256:x", batchSize: 4).Run(Darken);

        var sizes = new List<int>();
        var result = await new DatasetRefinement(Input(), dir.Combine("async"), "sha256:x", batchSize: 4).RunAsync(async (pixels, count, shape) =>
        {
            sizes.Add(count);
            // Later batches finish first: the earliest one waits longest.
            await Task.Delay(40 - 10 * Math.Min(sizes.Count, 4));
            return Darken(pixels, count, shape);
        }, inFlight: 3);

        Assert.Equal([4, 4, 4, 4, 4, 3], sizes);
        Assert.Equal(23, result.Written);
        foreach (var file in new[] { "labels.jsonl", DatasetRefinement.ManifestFile })
            Assert.Equal(File.ReadAllBytes(dir.Combine("local", file)), File.ReadAllBytes(dir.Combine("async", file)));
        foreach (var image in Directory.GetFiles(dir.Combine("local", "images")))
            Assert.Equal(File.ReadAllBytes(image), File.ReadAllBytes(dir.Combine("async", "images", Path.GetFileName(image))));
    }
}
