using SimGan.Core.Health;
using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests.Health;

public class TrainingHealthWatchTests
{
    static readonly ImageShape Shape = new(1, 8, 8);

    static float[] Varied()
    {
        var pixels = new float[4 * Shape.Pixels];
        for (int p = 0; p < pixels.Length; p++) pixels[p] = (p * 37 % 101) / 100f;
        return pixels;
    }

    static readonly float[] Good = Varied();
    static readonly float[] Flat = new float[4 * 64];

    static StepRecord D(double loss) => new(0, Phase.Adversarial, StepKind.DiscriminatorStep, loss, double.NaN, double.NaN, 1, 1, 0);

    static StepRecord R(double adversarial, double reg, Phase phase = Phase.Adversarial) =>
        new(0, phase, StepKind.RefinerStep, double.NaN, adversarial, reg, 1, 1, 0);

    static TrainingHealthWatch Adversarial(HealthThresholds thresholds)
    {
        var watch = new TrainingHealthWatch(thresholds);
        watch.OnStep(D(0.7));
        return watch;
    }

    [Fact]
    public void Images_are_not_judged_before_the_adversarial_phase_because_an_untrained_refiner_is_flat()
    {
        var watch = new TrainingHealthWatch(new HealthThresholds { Patience = 1 });
        watch.OnStep(R(double.NaN, 0.3, Phase.PretrainR));
        var check = watch.Check(100, Good, Flat, 4, Shape);
        Assert.Equal(HealthStatus.Healthy, check.Status);
        Assert.Equal(0, check.Images.ContrastRatio);
        watch.OnStep(D(0.7));
        Assert.Equal(HealthStatus.Collapsed, watch.Check(200, Good, Flat, 4, Shape).Status);
    }

    [Fact]
    public void A_problem_becomes_a_collapse_only_after_the_patience_runs_out()
    {
        var watch = Adversarial(new HealthThresholds { Patience = 3 });
        Assert.Equal(HealthStatus.Warning, watch.Check(100, Good, Flat, 4, Shape).Status);
        Assert.Equal(HealthStatus.Warning, watch.Check(200, Good, Flat, 4, Shape).Status);
        var third = watch.Check(300, Good, Flat, 4, Shape);
        Assert.Equal(HealthStatus.Collapsed, third.Status);
        Assert.Equal(3, third.UnhealthyChecks);
        Assert.True(watch.Collapsed);
    }

    [Fact]
    public void A_healthy_check_in_between_starts_the_count_again()
    {
        var watch = Adversarial(new HealthThresholds { Patience = 2 });
        watch.Check(100, Good, Flat, 4, Shape);
        Assert.Equal(HealthStatus.Healthy, watch.Check(200, Good, Good, 4, Shape).Status);
        Assert.Equal(HealthStatus.Warning, watch.Check(300, Good, Flat, 4, Shape).Status);
        Assert.False(watch.Collapsed);
    }

    [Fact]
    public void A_NaN_loss_collapses_the_run_at_the_next_check_whatever_the_images()
    {
        var watch = new TrainingHealthWatch(new HealthThresholds());
        watch.OnStep(R(double.NaN, 0.1));
        var check = watch.Check(100, Good, Good, 4, Shape);
        Assert.Equal(HealthProblem.NotFinite, check.Problem);
        Assert.Equal(HealthStatus.Collapsed, check.Status);
    }

    [Fact]
    public void An_fp16_step_that_overflowed_and_was_skipped_is_not_a_divergence()
    {
        // Its loss scale halves and training goes on; a NaN on a step that was applied is still a collapse.
        var watch = new TrainingHealthWatch(new HealthThresholds());
        watch.OnStep(D(0.7));
        watch.OnStep(R(double.PositiveInfinity, 0.1) with { LossScale = 65536, Skipped = true });
        Assert.Equal(HealthStatus.Healthy, watch.Check(100, Good, Good, 4, Shape).Status);
        watch.OnStep(R(double.NaN, 0.1) with { LossScale = 32768 });
        Assert.Equal(HealthStatus.Collapsed, watch.Check(200, Good, Good, 4, Shape).Status);
    }

    [Fact]
    public void Losses_a_step_does_not_compute_are_not_a_problem()
    {
        // NaN marks "not computed" in step records: D steps have no R losses, pretraining has no adversarial one.
        var watch = new TrainingHealthWatch(new HealthThresholds());
        watch.OnStep(D(0.7));
        watch.OnStep(R(double.NaN, 0.2, Phase.PretrainR));
        Assert.Equal(HealthStatus.Healthy, watch.Check(100, Good, Good, 4, Shape).Status);
    }

    [Fact]
    public void D_loss_pinned_near_zero_is_a_warning_not_a_collapse()
    {
        var watch = new TrainingHealthWatch(new HealthThresholds());
        for (int i = 0; i < 500; i++) watch.OnStep(D(0.001));
        var check = watch.Check(100, Good, Good, 4, Shape);
        Assert.True(check.DiscriminatorWins);
        Assert.Equal(HealthStatus.Warning, check.Status);
        Assert.Contains("D's loss is pinned near 0", check.Describe());
    }
}
