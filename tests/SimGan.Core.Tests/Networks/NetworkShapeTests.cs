using SimGan.Core.Networks;
using TorchSharp;

namespace SimGan.Core.Tests.Networks;

public class NetworkShapeTests
{
    [Theory]
    [InlineData(1, 35, 55)]
    [InlineData(3, 20, 24)]
    public void Refiner_output_has_the_input_size_and_range(int channels, int h, int w)
    {
        using var r = new Refiner(RefinerSpec.Gaze(channels) with { Width = 8, Blocks = 2 });
        using var x = torch.rand(2, channels, h, w) * 2 - 1;
        using var y = r.forward(x);
        Assert.Equal(x.shape, y.shape);
        Assert.True(y.abs().max().item<float>() <= 1f);
    }

    [Theory]
    [InlineData(ConvLayout.ChannelsLast)]
    [InlineData(ConvLayout.Contiguous)]
    public void The_refiner_cannot_tell_the_border_from_the_middle(ConvLayout layout)
    {
        // With zero padding every layer sees where the image ends, and trained refiners painted a frame there. With
        // replicated borders a flat image stays flat, whatever the weights.
        torch.manual_seed(3);
        using var refiner = new Refiner(new RefinerSpec(1, 8, 3, 3)) { Layout = layout };
        using var flat = torch.full(2, 1, 12, 16, 0.3f);
        using var output = refiner.forward(flat);
        using var spread = output.max() - output.min();
        Assert.True(spread.item<float>() < 1e-5f, $"output varies by {spread.item<float>()} over a flat input");
    }

    [Fact]
    public void Paper_gaze_refiner_has_the_papers_layers()
    {
        using var r = new Refiner(RefinerSpec.Gaze());
        // conv 1→64 3×3, 4 blocks × 2 convs 64→64 3×3, conv 64→1 1×1 (weights + biases).
        long expected = (9 * 64 + 64) + 4 * 2 * (9 * 64 * 64 + 64) + (64 + 1);
        Assert.Equal(expected, r.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Gaze_discriminator_gives_a_patch_map_of_two_logits()
    {
        using var d = new Discriminator(DiscriminatorSpec.Gaze());
        using var x = torch.rand(3, 1, 35, 55);
        using var y = d.forward(x);
        Assert.Equal(new long[] { 3, 2, 9, 14 }, y.shape);
    }

    [Fact]
    public void Hand_discriminator_gives_a_patch_map_at_224()
    {
        using var d = new Discriminator(DiscriminatorSpec.Hand());
        using var x = torch.rand(1, 1, 224, 224);
        using var y = d.forward(x);
        Assert.Equal(2, y.shape[1]);
        Assert.True(y.shape[2] > 1 && y.shape[3] > 1, "the hand discriminator must still judge several patches");
    }

    [Fact]
    public void Even_refiner_kernels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Refiner(new RefinerSpec(1, 8, 1, 4)));
    }
}
