using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class DiscriminatorSlicesTests
{
    public static TheoryData<int, int, int> Splits => new()
    {
        { 8, 8, 1 }, { 8, 8, 3 }, { 8, 8, 8 }, { 4, 8, 4 }, { 7, 13, 5 }, { 64, 64, 7 }, { 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Slices_cover_every_row_once_in_contiguous_runs_of_near_equal_size(int refined, int real, int k)
    {
        var slices = DiscriminatorSlices.Split(refined, real, k);
        Assert.Equal(k, slices.Length);
        int refinedNext = 0, realNext = 0;
        foreach (var s in slices)
        {
            Assert.Equal(refinedNext, s.RefinedStart);
            Assert.Equal(realNext, s.RealStart);
            Assert.True(s.RefinedCount >= 1 && s.RealCount >= 1, $"empty slice {s}");
            refinedNext += s.RefinedCount;
            realNext += s.RealCount;
        }
        Assert.Equal(refined, refinedNext);
        Assert.Equal(real, realNext);
        Assert.InRange(slices.Max(s => s.RefinedCount) - slices.Min(s => s.RefinedCount), 0, 1);
        Assert.InRange(slices.Max(s => s.RealCount) - slices.Min(s => s.RealCount), 0, 1);
    }

    [Theory]
    [InlineData(8, 8, 0)]
    [InlineData(8, 8, -1)]
    [InlineData(8, 8, 9)]
    [InlineData(4, 8, 5)]
    [InlineData(8, 3, 4)]
    public void Zero_or_more_slices_than_the_smaller_half_are_refused(int refined, int real, int k)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DiscriminatorSlices.Split(refined, real, k));
        Assert.Contains($"{k} slices", ex.Message);
    }
}
