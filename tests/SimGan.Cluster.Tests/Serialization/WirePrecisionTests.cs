using SimGan.Cluster.Protocol;
using SimGan.Cluster.Serialization;
using SimGan.Cluster.Tests.Hosting;

namespace SimGan.Cluster.Tests.Serialization;

/// <summary>
/// simgan.wire.image-precision, set the way an operator sets it (--set on a real node): images shrink, while
/// gradients, weights and persisted history stay exact.
/// </summary>
public class WirePrecisionTests
{
    const int Pixels = 2000;

    static float[] Image(int n) => Enumerable.Range(0, n).Select(i => (i % 1000) / 500f - 1f + 1e-4f).ToArray();

    static RefinerSliceTask Task(float[] weights) => new(new RunInfo("run", "{}", 1, 40, 50, 8, 2, "eyes-synthetic", "eyes-real", false), 4, 1, 9, 0, 2, 4, true, 3, 9, 1f,
        new NetworkWeights(NetworkKind.Refiner, 3, weights), new NetworkWeights(NetworkKind.Discriminator, 9, weights));

    [Theory]
    [InlineData("float16")]
    [InlineData("bfloat16")]
    public async Task Half_precision_images_halve_image_messages_and_keep_gradients_and_weights_exact(string precision)
    {
        await using var exact = await DiscriminatorNodeHost.StartAsync();
        await using var half = await DiscriminatorNodeHost.StartAsync($"simgan.wire.image-precision = {precision}");
        var full = (ProtocolSerializer)exact.System.Serialization.FindSerializerForType(typeof(ISimGanMessage));
        var lossy = (ProtocolSerializer)half.System.Serialization.FindSerializerForType(typeof(ISimGanMessage));

        var weights = ProtocolSamples.AwkwardFloats.Concat(Image(500)).ToArray();
        var gradient = ProtocolSamples.AwkwardFloats.Concat(Image(700)).ToArray();
        // Images: about half the bytes, and close to the originals.
        foreach (object message in new object[]
                 {
                     new BatchReady(Core.Training.DataStream.Real, 1, 1, Image(Pixels)),
                     new RowsReady(5, Image(Pixels)),
                     new PutImages("run", 0, 2, 7, [1], Image(Pixels)),
                     new ImagesSampled("run", 0, 3, Image(Pixels)),
                 })
        {
            double ratio = (double)lossy.ToBinary(message).Length / full.ToBinary(message).Length;
            Assert.InRange(ratio, 0.45, 0.56);
        }
        var rows = (RowsReady)lossy.FromBinary(lossy.ToBinary(new RowsReady(5, Image(Pixels))), "F7");
        for (int i = 0; i < Pixels; i++) Assert.Equal(Image(Pixels)[i], rows.Pixels[i], 0.01f);
        Assert.NotEqual(Image(Pixels), rows.Pixels); // really halved, not silently exact

        // Gradients, weights (in tasks too) and persisted history: bit for bit.
        foreach (object message in new object[]
                 {
                     Task(weights),
                     new RefinerSliceComputed(4, 1, gradient, 0.5, 0.25, 0.1),
                     new DiscriminatorSliceComputed(4, 1, gradient, 0.5, 0.1),
                     new NetworkWeights(NetworkKind.Discriminator, 9, weights),
                     new BufferShardSnapshot(8, 4, 500, 4, gradient),
                 })
        {
            var bytes = lossy.ToBinary(message);
            Assert.Equal(full.ToBinary(message), bytes);
            Assert.Empty(ProtocolSamples.Differences(message, lossy.FromBinary(bytes, lossy.Manifest(message))));
        }
    }

    [Fact]
    public async Task An_unknown_image_precision_stops_the_node_from_starting_and_is_named()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => DiscriminatorNodeHost.StartAsync("simgan.wire.image-precision = float8"));
        Assert.Contains("'float8'", ex.Message);
        Assert.Contains("image-precision", ex.Message);
    }
}
