using SimGan.Data.Datasets;
using SimGan.Data.Hands;

namespace SimGan.Data.Tests.Datasets;

public class ConcatenatedDatasetTests
{
    static float[] Image(SimGan.Core.Images.IImageSource set, long index)
    {
        var pixels = new float[set.Shape.Pixels];
        set.ReadImage(index, pixels);
        return pixels;
    }

    [Fact]
    public void Each_index_is_the_next_sample_of_its_part_with_its_labels()
    {
        var synthetic = new HandDataset(HandDomain.Synthetic, 10, 1);
        var camera = new HandDataset(HandDomain.Real, 20, 2);
        var both = new ConcatenatedDataset([(synthetic, 3), (camera, 4)]);
        Assert.Equal(7, both.Count);
        Assert.Equal(synthetic.Shape, both.Shape);
        Assert.Equal(Image(synthetic, 2), Image(both, 2));
        Assert.Equal(Image(camera, 0), Image(both, 3));
        Assert.Equal(Image(camera, 3), Image(both, 6));
        Assert.Equal(camera.Labels(1)!.ToJsonString(), both.Labels(4)!.ToJsonString());
        Assert.NotEqual(both.SampleName(0), both.SampleName(3)); // the parts number their samples alike
        Assert.Throws<ArgumentOutOfRangeException>(() => both.Labels(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => both.Labels(-1));
    }

    [Fact]
    public void Parts_of_other_shapes_or_too_few_samples_are_refused_in_one_line()
    {
        var hands = new HandDataset(HandDomain.Synthetic, 10, 1);
        var wrongShape = Assert.Throws<DatasetException>(() => new ConcatenatedDataset([(hands, 5), (new HandDataset(HandDomain.Real, 10, 1, size: 32), 5)]));
        Assert.Contains("cannot be trained on together", wrongShape.Message);
        var tooMany = Assert.Throws<DatasetException>(() => new ConcatenatedDataset([(hands, 11)]));
        Assert.Contains("11 samples asked", tooMany.Message);
        Assert.Throws<DatasetException>(() => new ConcatenatedDataset([(hands, 0)]));
    }
}
