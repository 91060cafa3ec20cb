using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Eyes;
using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Datasets;

public class DatasetSpecTests
{
    [Fact]
    public void Opens_the_eye_generators_with_and_without_a_count()
    {
        var endless = DatasetSpec.Open("eyes-synthetic", new DatasetOptions(Seed: 3));
        Assert.Null(endless.Count);
        Assert.Equal(new ImageShape(1, 35, 55), endless.Shape);
        var counted = DatasetSpec.Open("eyes-real:250", new DatasetOptions(Height: 36, Width: 60));
        Assert.Equal(250, counted.Count);
        Assert.Equal(new ImageShape(1, 36, 60), counted.Shape);
        Assert.Equal(EyeDomain.Real, Assert.IsType<EyeDataset>(counted).Domain);
    }

    [Theory]
    [InlineData("eyes-rendered", null, 0UL, "eyes-rendered")]
    [InlineData("eyes-rendered:100", 100L, 0UL, "eyes-rendered:100")]
    [InlineData("eyes-rendered:100?seed=3", 100L, 3UL, "eyes-rendered:100?seed=3")]
    [InlineData("eyes-rendered?seed=3", null, 3UL, "eyes-rendered?seed=3")]
    public void Opens_the_rendered_eye_generator_like_the_other_two(string spec, long? count, ulong seed, string reported)
    {
        var dataset = DatasetSpec.Open(spec);
        var eyes = Assert.IsType<EyeDataset>(dataset);
        Assert.Equal(EyeDomain.Rendered, eyes.Domain);
        Assert.Equal(count, dataset.Count);
        Assert.Equal(reported, dataset.Spec);
        Assert.Equal(new ImageShape(1, 35, 55), dataset.Shape);
        var expected = new EyeDataset(EyeDomain.Rendered, count, seed);
        var a = new float[dataset.Shape.Pixels];
        var b = new float[dataset.Shape.Pixels];
        dataset.ReadImage(1, a);
        expected.ReadImage(1, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Equalize_wraps_the_rendered_generator()
    {
        var equalised = DatasetSpec.Open("equalize:eyes-rendered:10");
        Assert.Equal("equalize:eyes-rendered:10", equalised.Spec);
        Assert.Equal(10, equalised.Count);
        var inner = Assert.IsType<EyeDataset>(Assert.IsType<EqualizedDataset>(equalised).Inner);
        Assert.Equal(EyeDomain.Rendered, inner.Domain);
        var pixels = new float[equalised.Shape.Pixels];
        equalised.ReadImage(9, pixels);
        // Equalised: spread over the whole range, as MPIIGaze's patches are.
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
        Assert.Equal(inner.Labels(9)!.ToJsonString(), equalised.Labels(9)!.ToJsonString());
    }

    [Fact]
    public void An_unknown_scheme_lists_every_scheme_with_its_argument()
    {
        var message = Assert.Throws<DatasetException>(() => DatasetSpec.Open("eyes-imaginary:5")).Message;
        foreach (string generator in EyeDomainNames.All)
            Assert.Contains(generator + "[:COUNT][?seed=S]", message);
        Assert.Contains("folder:PATH", message);
        Assert.Contains("equalize:SPEC", message);
        Assert.All(EyeDomainNames.All, name => Assert.Contains(name, DatasetSpec.Schemes));
    }

    [Fact]
    public void The_seed_option_reaches_the_generator()
    {
        float[] Image(ulong seed)
        {
            var dataset = DatasetSpec.Open("eyes-synthetic", new DatasetOptions(Seed: seed));
            var pixels = new float[dataset.Shape.Pixels];
            dataset.ReadImage(0, pixels);
            return pixels;
        }
        Assert.Equal(Image(9), Image(9));
        Assert.NotEqual(Image(9), Image(10));
    }

    [Fact]
    public void Opens_a_folder_wrapped_so_bad_samples_can_be_skipped()
    {
        using var temp = new TempDirectory();
        PngImage.Write(temp.Combine("a.png"), new float[35 * 55], new ImageShape(1, 35, 55));
        var dataset = DatasetSpec.Open("folder:" + temp.Path);
        Assert.IsType<SkippingDataset>(dataset);
        Assert.Equal(1, dataset.Count);
        Assert.Equal("folder:" + temp.Path, dataset.Spec);
    }

    [Fact]
    public void A_generator_spec_can_carry_its_own_seed_which_overrides_the_commands()
    {
        var named = DatasetSpec.Open("eyes-synthetic:5?seed=2", new DatasetOptions(Seed: 9));
        var seeded = DatasetSpec.Open("eyes-synthetic:5", new DatasetOptions(Seed: 2));
        Assert.Equal("eyes-synthetic:5?seed=2", named.Spec);
        Assert.Equal("eyes-synthetic:5", seeded.Spec);
        var a = new float[named.Shape.Pixels];
        var b = new float[seeded.Shape.Pixels];
        for (int i = 0; i < 5; i++)
        {
            named.ReadImage(i, a);
            seeded.ReadImage(i, b);
            Assert.Equal(b, a);
        }
        var endless = DatasetSpec.Open("eyes-real?seed=3");
        Assert.Null(endless.Count);
        Assert.Equal("eyes-real?seed=3", endless.Spec);
        // The spec it reports reopens the same images under any other default seed.
        Assert.Equal(named.Labels(4)!.ToJsonString(), DatasetSpec.Open(named.Spec).Labels(4)!.ToJsonString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("imagenet:/x", "unknown dataset scheme")]
    [InlineData("eyes-synthetic:many", "positive whole number")]
    [InlineData("eyes-real:0", "positive whole number")]
    [InlineData("eyes-real:5?seed=x", "?seed=S")]
    [InlineData("eyes-rendered:-4", "positive whole number")]
    [InlineData("eyes-rendered:5?seed=", "?seed=S")]
    [InlineData("eyes-synthetic:5?size=9", "?seed=S")]
    [InlineData("eyes-synthetic:?seed=2", "positive whole number")]
    [InlineData("folder:", "needs a path")]
    [InlineData("folder:/definitely/not/here", "does not exist")]
    public void Bad_specs_give_one_line_that_says_what_to_do(string spec, string expected)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSpec.Open(spec));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Eye_generators_refuse_colour()
    {
        Assert.Throws<DatasetException>(() => DatasetSpec.Open("eyes-synthetic", new DatasetOptions(Channels: 3)));
    }

    [Fact]
    public void Sets_that_disagree_in_channels_or_size_are_refused_before_training()
    {
        using var temp = new TempDirectory();
        PngImage.Write(temp.Combine("a.png"), new float[3 * 35 * 55], new ImageShape(3, 35, 55));
        var synthetic = DatasetSpec.Open("eyes-synthetic");
        var colour = DatasetSpec.Open("folder:" + temp.Path, new DatasetOptions(Channels: 3));
        Assert.Contains("channel", Assert.Throws<DatasetException>(() => DatasetSpec.EnsureCompatible(synthetic, colour)).Message);
        var larger = DatasetSpec.Open("eyes-real", new DatasetOptions(Height: 36, Width: 60));
        Assert.Contains("--height", Assert.Throws<DatasetException>(() => DatasetSpec.EnsureCompatible(synthetic, larger)).Message);
        DatasetSpec.EnsureCompatible(synthetic, DatasetSpec.Open("folder:" + temp.Path));
    }

    [Fact]
    public void Equalize_wraps_any_spec_equalising_each_image_and_keeping_names_and_labels()
    {
        var plain = DatasetSpec.Open("eyes-synthetic:4?seed=2");
        var equalised = DatasetSpec.Open("equalize:eyes-synthetic:4?seed=2");
        Assert.Equal("equalize:eyes-synthetic:4?seed=2", equalised.Spec);
        Assert.Equal(plain.Count, equalised.Count);
        Assert.Equal(plain.Shape, equalised.Shape);
        var expected = new float[plain.Shape.Pixels];
        var actual = new float[plain.Shape.Pixels];
        for (int i = 0; i < 4; i++)
        {
            plain.ReadImage(i, expected);
            CameraEffects.EqualizeHistogram(expected);
            equalised.ReadImage(i, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(plain.SampleName(i), equalised.SampleName(i));
            Assert.Equal(plain.Labels(i)!.ToJsonString(), equalised.Labels(i)!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("equalize")]
    [InlineData("equalize:")]
    [InlineData("equalize?seed=2")]
    [InlineData("equalize:nowhere:3")]
    public void Equalize_without_a_valid_inner_spec_is_refused_with_one_line(string spec)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetSpec.Open(spec));
        Assert.DoesNotContain('\n', error.Message);
    }
}
