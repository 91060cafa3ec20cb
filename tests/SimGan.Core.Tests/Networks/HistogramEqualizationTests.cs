using SimGan.Core.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Networks;

public class HistogramEqualizationTests
{
    const int Height = 7, Width = 9, Pixels = Height * Width;

    /// <summary>OpenCV's equalizeHist, written out plainly: levels 0-255 in, levels 0-255 out.</summary>
    static int[] Reference(int[] levels)
    {
        var histogram = new int[256];
        foreach (int v in levels) histogram[v]++;
        int first = Array.FindIndex(histogram, c => c > 0), below = histogram[first];
        if (below == levels.Length) return levels;
        var map = new int[256];
        int cumulative = 0;
        for (int level = 0; level < 256; level++)
        {
            cumulative += histogram[level];
            map[level] = (int)MathF.Round(Math.Max(0, cumulative - below) * 255f / (levels.Length - below));
        }
        return levels.Select(v => map[v]).ToArray();
    }

    static Tensor FromLevels(int[][] images) =>
        torch.tensor(images.SelectMany(l => l.Select(v => v / 255f * 2 - 1)).ToArray(), new long[] { images.Length, 1, Height, Width });

    static int[] ToLevels(Tensor images, int index) =>
        images[index].flatten().data<float>().ToArray().Select(v => (int)MathF.Round((v + 1) / 2 * 255)).ToArray();

    [Fact]
    public void Each_image_of_a_batch_is_equalised_by_its_own_histogram_as_OpenCV_does()
    {
        var random = new Random(4);
        // A dark narrow image, a bright one and a full-range one: each must be spread by its own histogram.
        int[][] images =
        [
            Enumerable.Range(0, Pixels).Select(_ => random.Next(20, 60)).ToArray(),
            Enumerable.Range(0, Pixels).Select(_ => random.Next(180, 200)).ToArray(),
            Enumerable.Range(0, Pixels).Select(_ => random.Next(0, 256)).ToArray(),
        ];
        using var equalised = HistogramEqualization.Apply(FromLevels(images));
        for (int i = 0; i < images.Length; i++) Assert.Equal(Reference(images[i]), ToLevels(equalised, i));
        // Spread over the whole range whatever the input's: the lowest level goes to 0 and the highest to 255.
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal((0, 255), (ToLevels(equalised, i).Min(), ToLevels(equalised, i).Max())));
    }

    [Fact]
    public void An_image_of_one_level_keeps_its_level()
    {
        using var equalised = HistogramEqualization.Apply(FromLevels([Enumerable.Repeat(77, Pixels).ToArray()]));
        Assert.All(ToLevels(equalised, 0), v => Assert.Equal(77, v));
    }

    [Fact]
    public void The_gradient_passes_straight_through()
    {
        using var generator = new Generator(2);
        using var x = (torch.rand(new long[] { 2, 1, Height, Width }, generator: generator) * 2 - 1).requires_grad_(true);
        using var weights = torch.rand(new long[] { 2, 1, Height, Width }, generator: generator);
        using var y = HistogramEqualization.Apply(x);
        using var loss = (y * weights).sum();
        loss.backward();
        Assert.True(x.grad!.allclose(weights, 0, 0), "d(equalised)/d(input) must be the identity");
    }

    [Fact]
    public void The_refiner_applies_the_stage_only_when_its_spec_has_one()
    {
        using var generator = new Generator(3);
        using var x = torch.rand(new long[] { 2, 1, 12, 16 }, generator: generator) * 2 - 1;
        using var _ = torch.no_grad();
        using var plain = new Refiner(new RefinerSpec(1, 4, 1, 3));
        using var raw = plain.forward(x);
        using var same = plain.Refine(x);
        Assert.True(raw.allclose(same, 0, 0));
        using var equalising = new Refiner(new RefinerSpec(1, 4, 1, 3, EqualizeOutput: true));
        using var network = equalising.forward(x);
        using var refined = equalising.Refine(x);
        using var expected = HistogramEqualization.Apply(network);
        Assert.True(refined.allclose(expected, 0, 0));
        Assert.False(refined.allclose(network, 0, 1e-3), "the stage changed nothing");
    }
}
