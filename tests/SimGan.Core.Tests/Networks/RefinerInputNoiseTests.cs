using SimGan.Core.Networks;
using TorchSharp;

namespace SimGan.Core.Tests.Networks;

public class RefinerInputNoiseTests
{
    [Fact]
    public void The_noise_is_the_documented_scheme()
    {
        // Computed by the Python in docs/refiner-export.md, which is how a user outside this code reproduces it.
        var noise = new float[4];
        RefinerInputNoise.Fill([-1f, 0f, 0.5f, 1f], noise);
        Assert.Equal([-0.6495800018310547f, 0.09112996608018875f, 0.11703914403915405f, 0.6401776671409607f], noise);
    }

    [Fact]
    public void An_image_gets_the_same_noise_whatever_batch_it_is_in_and_another_image_other_noise()
    {
        // Slices of a step, a cluster worker's rows and a later refine all see an image in a different batch.
        using var images = torch.rand(3, 1, 5, 7, generator: new torch.Generator(3)) * 2 - 1;
        using var all = RefinerInputNoise.Append(images, 2);
        using var last = RefinerInputNoise.Append(images[2..3], 2);
        Assert.Equal([3L, 3, 5, 7], all.shape);
        Assert.True(all[2..3].allclose(last, 0, 0));
        Assert.True(all[.., ..1].allclose(images, 0, 0)); // the image itself comes first, untouched
        Assert.False(all[0, 1..].allclose(all[1, 1..], 0, 0));
        Assert.False(all[0, 1].allclose(all[0, 2], 0, 0)); // each noise channel is its own
    }

    [Fact]
    public void The_noise_is_standard_normal()
    {
        using var images = torch.rand(64, 1, 16, 16, generator: new torch.Generator(5));
        using var all = RefinerInputNoise.Append(images, 1);
        using var noise = all[.., 1..];
        Assert.Equal(0, noise.mean().item<float>(), 0.03);
        Assert.Equal(1, noise.std().item<float>(), 0.03);
        using var tail = noise.abs().gt(3).to(torch.float32).mean();
        Assert.InRange(tail.item<float>(), 0.0015, 0.0045); // P(|z| > 3) = 0.0027
    }

    [Fact]
    public void A_refiner_with_noise_channels_takes_them_as_extra_input_and_is_a_function_of_its_image()
    {
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3, NoiseChannels: 2));
        SeededInitialization.Apply(1, refiner);
        Assert.Equal(3, refiner.named_parameters().First(p => p.name == "input.weight").parameter.shape[1]);
        using var images = torch.rand(2, 1, 6, 8, generator: new torch.Generator(7)) * 2 - 1;
        using var a = refiner.forward(images);
        using var b = refiner.forward(images);
        Assert.Equal([2L, 1, 6, 8], a.shape);
        Assert.True(a.allclose(b, 0, 0));

        // The noise reaches the output: the same weights with the noise channels' weights zeroed compute another image.
        using (torch.no_grad()) refiner.named_parameters().First(p => p.name == "input.weight").parameter[.., 1..].zero_();
        using var quiet = refiner.forward(images);
        Assert.False(a.allclose(quiet, 1e-4, 1e-4));
    }

    [Fact]
    public void Specs_with_too_many_or_negative_noise_channels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RefinerSpec(1, 4, 1, 3, NoiseChannels: -1).Validate());
        Assert.Throws<ArgumentException>(() => new RefinerSpec(1, 4, 1, 3, NoiseChannels: RefinerSpec.MaxNoiseChannels + 1).Validate());
    }
}
