using SimGan.Evaluation.Realism;

namespace SimGan.Evaluation.Tests.Realism;

public class WilsonIntervalTests
{
    [Fact]
    public void No_successes_in_ten_gives_the_textbook_upper_bound()
    {
        (double low, double high) = WilsonInterval.Of(0, 10);
        Assert.Equal(0.0, low, 1e-9);
        Assert.Equal(0.2775, high, 1e-4);
    }

    [Fact]
    public void The_papers_517_of_1000_is_consistent_with_chance()
    {
        (double low, double high) = WilsonInterval.Of(517, 1000);
        Assert.Equal(0.4860, low, 1e-3);
        Assert.Equal(0.5478, high, 1e-3);
        Assert.InRange(0.5, low, high);
    }

    [Fact]
    public void The_papers_162_of_200_is_not()
    {
        (double low, _) = WilsonInterval.Of(162, 200);
        Assert.True(low > 0.7);
    }
}
