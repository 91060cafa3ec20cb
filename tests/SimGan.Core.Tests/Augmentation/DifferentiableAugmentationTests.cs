using SimGan.Core.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Augmentation;

public class DifferentiableAugmentationTests
{
    static readonly AugmentationKey Key = new(Seed: 7, Step: 123, AugmentedBatch.DiscriminatorReal);

    static Tensor Batch(int n, int h = 12, int w = 16, ulong seed = 3)
    {
        using var generator = new torch.Generator(seed);
        return torch.rand(new long[] { n, 1, h, w }, generator: generator).mul(2).sub(1);
    }

    [Fact]
    public void A_batch_augmented_in_slices_equals_the_batch_augmented_whole()
    {
        // The cluster's workers augment their slice of D's batch; the local trainer augments the slices one by one.
        // Both must equal augmenting the whole batch, or the engines would part ways.
        using var x = Batch(10);
        using var whole = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key);
        using var first = DifferentiableAugmentation.Apply(x.narrow(0, 0, 4), AugmentationPolicy.All, Key.At(0));
        using var second = DifferentiableAugmentation.Apply(x.narrow(0, 4, 6), AugmentationPolicy.All, Key.At(4));
        using var joined = torch.cat(new[] { first, second }, 0);
        Assert.True(whole.allclose(joined, 0, 0));
    }

    [Fact]
    public void The_same_key_draws_the_same_transforms_and_another_step_draws_others()
    {
        using var x = Batch(6);
        using var a = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key);
        using var b = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key);
        using var c = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key with { Step = 124 });
        using var d = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key with { Batch = AugmentedBatch.DiscriminatorRefined });
        Assert.True(a.allclose(b, 0, 0));
        Assert.False(a.allclose(c, 0, 0));
        Assert.False(a.allclose(d, 0, 0));
    }

    [Fact]
    public void No_policy_leaves_the_images_as_they_are()
    {
        using var x = Batch(3);
        using var y = DifferentiableAugmentation.Apply(x, AugmentationPolicy.None, Key);
        Assert.True(x.allclose(y, 0, 0));
    }

    [Fact]
    public void Translation_moves_every_image_by_its_drawn_shift_and_fills_with_mid_grey()
    {
        using var x = Batch(5, 16, 24);
        var policy = AugmentationPolicy.None with { Translation = true };
        using var y = DifferentiableAugmentation.Apply(x, policy, Key);
        var input = x.data<float>().ToArray();
        var output = y.data<float>().ToArray();
        int moved = 0;
        for (int i = 0; i < 5; i++)
        {
            var draw = AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 16, 24);
            if (draw.ShiftX != 0 || draw.ShiftY != 0) moved++;
            for (int row = 0; row < 16; row++)
            for (int col = 0; col < 24; col++)
            {
                int sy = row - draw.ShiftY, sx = col - draw.ShiftX;
                float expected = sy is >= 0 and < 16 && sx is >= 0 and < 24 ? input[i * 384 + sy * 24 + sx] : 0f;
                Assert.Equal(expected, output[i * 384 + row * 24 + col]);
            }
        }
        Assert.True(moved >= 3, "most images should move");
    }

    [Fact]
    public void Cutout_blanks_a_rectangle_of_half_the_height_and_width_where_it_lies_inside_the_image()
    {
        using var x = Batch(4).add(3); // no pixel is 0 before the cutout
        var policy = AugmentationPolicy.None with { Cutout = true };
        using var y = DifferentiableAugmentation.Apply(x, policy, Key);
        var output = y.data<float>().ToArray();
        for (int i = 0; i < 4; i++)
        {
            var draw = AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 12, 16);
            int expected = 0;
            for (int row = 0; row < 12; row++)
            for (int col = 0; col < 16; col++)
            {
                bool cut = row >= draw.CutTop && row < draw.CutTop + 6 && col >= draw.CutLeft && col < draw.CutLeft + 8;
                if (cut) expected++;
                Assert.Equal(cut, output[i * 192 + row * 16 + col] == 0f);
            }
            Assert.InRange(expected, 1, 48);
        }
    }

    [Fact]
    public void Brightness_and_contrast_change_each_image_by_its_own_factor()
    {
        using var x = Batch(6);
        using var bright = DifferentiableAugmentation.Apply(x, AugmentationPolicy.None with { Brightness = true }, Key);
        using var offsets = (bright - x).mean(new long[] { 1, 2, 3 });
        for (int i = 0; i < 6; i++)
        {
            var draw = AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 12, 16);
            Assert.Equal(draw.Brightness, offsets[i].item<float>(), 1e-4);
            Assert.InRange(draw.Brightness, -0.5f, 0.5f);
            Assert.InRange(draw.Contrast, 0.5f, 1.5f);
        }
        using var contrasted = DifferentiableAugmentation.Apply(x, AugmentationPolicy.None with { Contrast = true }, Key);
        using var spreadBefore = x.std(new long[] { 1, 2, 3 });
        using var spreadAfter = contrasted.std(new long[] { 1, 2, 3 });
        for (int i = 0; i < 6; i++)
        {
            var draw = AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 12, 16);
            Assert.Equal(draw.Contrast, spreadAfter[i].item<float>() / spreadBefore[i].item<float>(), 1e-3);
        }
    }

    [Fact]
    public void Gradients_reach_the_input_through_every_transform()
    {
        using var x = Batch(4).requires_grad_(true);
        using var y = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key);
        y.pow(2).sum().backward();
        using var grad = x.grad!.abs().sum(new long[] { 1, 2, 3 });
        for (int i = 0; i < 4; i++) Assert.True(grad[i].item<float>() > 0);
    }

    [Fact]
    public void Pixels_that_were_cut_or_shifted_out_pass_no_gradient()
    {
        using var x = Batch(4).requires_grad_(true);
        using var y = DifferentiableAugmentation.Apply(x, AugmentationPolicy.None with { Translation = true, Cutout = true }, Key);
        y.sum().backward();
        using var kept = y.ne(0).sum();
        using var passed = x.grad!.ne(0).sum();
        // Every output pixel reads one input pixel or none, so exactly the kept pixels carry gradient back.
        Assert.Equal(kept.item<long>(), passed.item<long>());
        Assert.True(passed.item<long>() < x.numel());
    }

    [Fact]
    public void Flip_mirrors_the_images_whose_draw_says_so_and_leaves_the_others()
    {
        using var x = Batch(12, 10, 14);
        var policy = AugmentationPolicy.None with { Flip = true };
        using var y = DifferentiableAugmentation.Apply(x, policy, Key);
        using var mirrored = x.flip(3);
        int flipped = 0;
        for (int i = 0; i < 12; i++)
        {
            bool mirror = AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 10, 14).Mirror;
            if (mirror) flipped++;
            Assert.True(y[i].allclose(mirror ? mirrored[i] : x[i], 0, 0), $"image {i}");
        }
        Assert.InRange(flipped, 2, 10);
    }

    [Fact]
    public void Flip_is_drawn_last_so_the_other_transforms_draw_what_they_drew_before_it()
    {
        // all and all,flip must agree on every image the flip leaves alone: runs made before flip existed replay.
        using var x = Batch(10);
        using var without = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All, Key);
        using var with = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All with { Flip = true }, Key);
        int same = 0;
        for (int i = 0; i < 10; i++)
            if (!AugmentationDraw.For(Key.Seed, Key.Step, Key.Batch, i, 12, 16).Mirror)
            {
                Assert.True(with[i].allclose(without[i], 0, 0));
                same++;
            }
        Assert.InRange(same, 1, 9);
        using var a = DifferentiableAugmentation.Apply(x, AugmentationPolicy.All with { Flip = true }, Key.At(0));
        using var first = DifferentiableAugmentation.Apply(x.narrow(0, 0, 3), AugmentationPolicy.All with { Flip = true }, Key.At(0));
        using var rest = DifferentiableAugmentation.Apply(x.narrow(0, 3, 7), AugmentationPolicy.All with { Flip = true }, Key.At(3));
        using var joined = torch.cat(new[] { first, rest }, 0);
        Assert.True(a.allclose(joined, 0, 0));
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("all,flip", "all,flip")]
    [InlineData("flip, cutout", "cutout,flip")]
    [InlineData("all", "all")]
    [InlineData("translation, cutout", "translation,cutout")]
    [InlineData("Brightness,contrast,translation,cutout", "all")]
    public void Policies_parse_and_print_back(string text, string printed) =>
        Assert.Equal(printed, AugmentationPolicy.Parse(text).ToString());

    [Theory]
    [InlineData("mirror")]
    [InlineData(",")]
    [InlineData("")]
    public void An_unknown_or_empty_policy_is_refused_with_the_choices(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => AugmentationPolicy.Parse(text));
        Assert.Contains("brightness, contrast, translation, cutout", error.Message);
    }
}
