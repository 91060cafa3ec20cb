using SimGan.Core.Training.Loop;

namespace SimGan.Core.Tests.Training.Loop;

public class LossScaleTests
{
    [Fact]
    public void Overflow_halves_the_factor_and_growth_interval_finite_steps_double_it()
    {
        var s = LossScale.Initial;
        Assert.Equal(65536f, s.Factor);
        s = s.After(finite: false).After(finite: false);
        Assert.Equal(16384f, s.Factor);
        Assert.Equal(0, s.FiniteSteps);
        for (int i = 0; i < LossScale.GrowthInterval - 1; i++) s = s.After(finite: true);
        Assert.Equal(16384f, s.Factor);
        s = s.After(finite: true);
        Assert.Equal(32768f, s.Factor);
        Assert.Equal(0, s.FiniteSteps);
    }

    [Fact]
    public void A_run_that_does_not_scale_stays_at_1_whatever_happens()
    {
        Assert.Equal(LossScale.None, LossScale.None.After(finite: false));
        Assert.Equal(1f, LossScale.None.Factor);
        // Halving all the way down stays a scaling state, unlike None: it can grow again.
        var low = LossScale.Initial;
        for (int i = 0; i < 100; i++) low = low.After(finite: false);
        Assert.True(low.Active);
        Assert.True(low.Factor > 0);
    }

    [Fact]
    public void A_resume_into_fp16_starts_scaling_one_out_of_it_stops_and_one_within_it_goes_on()
    {
        var going = LossScale.Initial.After(finite: false);
        Assert.Equal(LossScale.Initial, LossScale.For(scaling: true, LossScale.None));
        Assert.Equal(LossScale.Initial, LossScale.For(scaling: true, null));
        Assert.Equal(going, LossScale.For(scaling: true, going));
        Assert.Equal(LossScale.None, LossScale.For(scaling: false, going));
        Assert.Equal(LossScale.Initial, LossScale.For(scaling: true, going with { Factor = float.NaN })); // a damaged checkpoint
    }
}
