using SimGan.Core.Training;

namespace SimGan.Core.Tests.Training;

public class TrainingScheduleTests
{
    static List<StepKind> Run(TrainingOptions options, Func<long, double>? dLoss = null)
    {
        var schedule = new TrainingSchedule(options);
        var kinds = new List<StepKind>();
        for (StepKind k; (k = schedule.Next()) != StepKind.Done;)
        {
            kinds.Add(k);
            schedule.Completed(k, dLoss?.Invoke(schedule.Step) ?? 0.7);
        }
        return kinds;
    }

    [Fact]
    public void Pretrains_R_then_D_then_alternates_Kg_and_Kd()
    {
        var options = new TrainingOptions { Steps = 3 + 2 + 2 * 5, PretrainRSteps = 3, PretrainDSteps = 2, KG = 3, KD = 2 };
        var kinds = Run(options);
        var R = StepKind.RefinerStep; var D = StepKind.DiscriminatorStep;
        Assert.Equal(new[] { R, R, R, D, D, R, R, R, D, D, R, R, R, D, D }, kinds);
    }

    [Fact]
    public void Step_budget_includes_pretraining()
    {
        var options = new TrainingOptions { Steps = 100, PretrainRSteps = 60, PretrainDSteps = 60, KG = 2, KD = 1 };
        var kinds = Run(options);
        Assert.Equal(100, kinds.Count);
        Assert.Equal(60, kinds.Count(k => k == StepKind.RefinerStep));
    }

    [Fact]
    public void Adaptive_Kg_rises_while_D_loss_is_low_and_never_passes_the_cap()
    {
        var options = new TrainingOptions { Steps = 2000, PretrainRSteps = 0, PretrainDSteps = 0, KG = 4, KD = 1, AdaptiveKG = true };
        var schedule = new TrainingSchedule(options);
        Assert.Equal(1, schedule.CurrentKG);
        int maxSeen = 1;
        for (StepKind k; (k = schedule.Next()) != StepKind.Done;)
        {
            schedule.Completed(k, 0.1);
            maxSeen = Math.Max(maxSeen, schedule.CurrentKG);
        }
        Assert.Equal(4, maxSeen);

        var stuck = new TrainingSchedule(options);
        for (StepKind k; (k = stuck.Next()) != StepKind.Done;) stuck.Completed(k, 1.2);
        Assert.Equal(1, stuck.CurrentKG);
    }

    [Fact]
    public void A_skipped_fp16_steps_infinite_D_loss_does_not_enter_the_running_loss_and_halves_only_Ds_scale()
    {
        var options = new TrainingOptions { Steps = 10, PretrainRSteps = 0, PretrainDSteps = 0, KG = 1, KD = 1, Precision = "fp16" };
        var schedule = new TrainingSchedule(options);
        schedule.Completed(StepKind.RefinerStep);
        schedule.Completed(StepKind.DiscriminatorStep, 0.6);
        schedule.Completed(StepKind.RefinerStep);
        schedule.Completed(StepKind.DiscriminatorStep, double.PositiveInfinity, finite: false);
        Assert.Equal(0.6, schedule.State.RecentDLoss);
        Assert.Equal(SimGan.Core.Training.Loop.LossScale.InitialFactor / 2, schedule.LossScaleFor(StepKind.DiscriminatorStep));
        Assert.Equal(SimGan.Core.Training.Loop.LossScale.InitialFactor, schedule.LossScaleFor(StepKind.RefinerStep));
    }

    [Fact]
    public void Completing_a_step_other_than_the_next_is_refused()
    {
        var schedule = new TrainingSchedule(new TrainingOptions { Steps = 5, PretrainRSteps = 5 });
        Assert.Throws<InvalidOperationException>(() => schedule.Completed(StepKind.DiscriminatorStep));
    }
}
