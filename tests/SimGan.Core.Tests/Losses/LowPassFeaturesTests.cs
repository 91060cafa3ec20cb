using SimGan.Core.Losses;
using TorchSharp;

namespace SimGan.Core.Tests.Losses;

public class LowPassFeaturesTests
{
    [Fact]
    public void A_flat_image_stays_flat_up_to_its_borders()
    {
        // Replicated borders: zero padding would darken the edges and make the loss punish an untouched border.
        using var flat = torch.full(new long[] { 2, 1, 9, 13 }, 0.37f);
        using var blurred = new LowPassFeatures(2).Apply(flat);
        Assert.Equal(new long[] { 2, 1, 9, 13 }, blurred.shape);
        Assert.True(blurred.sub(0.37f).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void A_point_spreads_into_a_normalised_gaussian_of_the_given_sigma()
    {
        const double sigma = 1.5;
        using var point = torch.zeros(1, 1, 21, 21);
        point[0, 0, 10, 10] = torch.tensor(1f);
        using var blurred = new LowPassFeatures(sigma).Apply(point);
        var values = blurred.data<float>().ToArray();
        Assert.Equal(1.0, values.Sum(), 1e-4);
        // A sampled Gaussian this wide peaks within 0.2 % of the continuous one, 1 / (2πσ²), and falls by e^(-1/2σ²)
        // one pixel away.
        double peak = values[10 * 21 + 10];
        Assert.Equal(1 / (2 * Math.PI * sigma * sigma), peak, 1e-3);
        Assert.Equal(peak * Math.Exp(-1 / (2 * sigma * sigma)), values[10 * 21 + 11], 1e-4);
        Assert.Equal(values[9 * 21 + 10], values[10 * 21 + 11], 1e-6);
    }

    [Fact]
    public void Self_regularisation_through_a_blur_barely_charges_for_fine_texture_and_fully_for_a_shift_in_tone()
    {
        // The point of ψ = blur: a refiner may add pixel-scale texture almost for free, but not move what the labels see.
        using var image = torch.rand(new long[] { 1, 1, 24, 24 }, generator: new torch.Generator(3));
        using var rows = torch.arange(24).remainder(2);
        using var checkerboard = rows.view(-1, 1).add(rows.view(1, -1)).remainder(2).mul(0.2f).sub(0.1f).to(torch.float32).view(1, 1, 24, 24);
        var blur = FeatureTransforms.ByName("blur:2");
        using var textured = image.add(checkerboard);
        using var brighter = image.add(0.1f);
        using var textureCost = SelfRegularizationLoss.Compute(blur, textured, image);
        using var toneCost = SelfRegularizationLoss.Compute(blur, brighter, image);
        using var identityTextureCost = SelfRegularizationLoss.Compute(new IdentityFeatures(), textured, image);
        Assert.Equal(0.1, toneCost.item<float>(), 1e-4);
        Assert.Equal(0.1, identityTextureCost.item<float>(), 1e-4);
        Assert.True(textureCost.item<float>() < 0.01f, $"texture cost {textureCost.item<float>():F4}");
    }

    [Theory]
    [InlineData("blur:0")]
    [InlineData("blur:-1")]
    [InlineData("blur:9")]
    [InlineData("blur:wide")]
    [InlineData("blur:")]
    public void A_bad_sigma_is_refused_with_the_expected_form(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureTransforms.ByName(name));
        Assert.Contains("sigma", error.Message);
    }

    [Fact]
    public void The_name_round_trips_so_a_run_config_reopens_the_same_transform()
    {
        Assert.Equal("blur:1.5", FeatureTransforms.ByName("blur:1.5").Name);
        Assert.IsType<LowPassFeatures>(FeatureTransforms.ByName(FeatureTransforms.ByName("blur:0.75").Name));
    }
}
