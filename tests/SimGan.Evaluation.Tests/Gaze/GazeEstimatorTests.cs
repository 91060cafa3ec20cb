using SimGan.Core.Images;
using SimGan.Evaluation.Gaze;
using TorchSharp;

namespace SimGan.Evaluation.Tests.Gaze;

public class GazeEstimatorTests
{
    [Fact]
    public void Paper_network_at_35x55_flattens_to_the_papers_9600_features()
    {
        using var model = new GazeEstimator(new ImageShape(1, 35, 55), GazeEstimatorOptions.Paper);
        Assert.Equal(9600, model.FlatFeatures);
    }

    [Theory]
    [InlineData(35, 55, 5, 10)]
    [InlineData(36, 60, 5, 11)]
    [InlineData(19, 19, 1, 1)]
    public void Feature_map_size_follows_the_valid_convolutions_and_pools(int h, int w, int expectH, int expectW)
    {
        Assert.Equal((expectH, expectW), GazeEstimator.FeatureMapSize(h, w));
    }

    [Fact]
    public void Too_small_an_image_is_refused_with_the_minimum_size()
    {
        var error = Assert.Throws<ArgumentException>(() => GazeEstimator.FeatureMapSize(18, 40));
        Assert.Contains("19×19", error.Message);
    }

    [Fact]
    public void Width_multiplier_scales_channels_and_output_is_one_vector_per_image()
    {
        using var model = new GazeEstimator(new ImageShape(1, 35, 55), GazeEstimatorOptions.Cpu);
        Assert.Equal(48 * 5 * 10, model.FlatFeatures);
        using var images = torch.rand(4, 1, 35, 55);
        using var output = model.forward(images);
        Assert.Equal(new long[] { 4, 3 }, output.shape);
    }
}
