using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation.Tests.Realism;

public class CrossValidationFoldsTests
{
    [Theory]
    [InlineData(48, 4)]
    [InlineData(50, 4)]
    [InlineData(7, 7)]
    [InlineData(1000, 3)]
    public void Folds_cover_every_position_exactly_once_with_sizes_one_apart_at_most(long images, int folds)
    {
        var ranges = CrossValidationFolds.Of(images, folds);

        Assert.Equal(folds, ranges.Count);
        var covered = ranges.SelectMany(r => Enumerable.Range((int)r.Start, (int)(r.End - r.Start))).ToList();
        Assert.Equal(Enumerable.Range(0, (int)images), covered);
        var sizes = ranges.Select(r => r.End - r.Start).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(", ", sizes));
    }

    [Fact]
    public void The_first_folds_take_the_images_left_over()
    {
        Assert.Equal([(0L, 13L), (13L, 26L), (26L, 38L), (38L, 50L)], CrossValidationFolds.Of(50, 4));
    }

    [Fact]
    public void Fewer_images_than_folds_or_no_fold_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CrossValidationFolds.Of(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidationFolds.Of(10, 0));
    }
}
