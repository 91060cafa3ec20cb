using SimGan.Evaluation.Selection;

namespace SimGan.Evaluation.Tests.Selection;

public class SelectionRuleTests
{
    static readonly SelectionRule Rule = new(MaxPupilShiftPx: 1.5, MaxFailureFraction: 0.1);

    static CheckpointScore Score(double realism, double shift, int failures = 0) => new(0, realism, shift, failures, 100);

    [Fact]
    public void Among_checkpoints_that_keep_the_labels_the_more_real_one_wins()
    {
        Assert.True(Rule.IsBetter(Score(10, 1.0), Score(20, 0.2)));
        Assert.False(Rule.IsBetter(Score(30, 0.1), Score(20, 1.4)));
    }

    [Fact]
    public void A_checkpoint_that_moves_the_pupil_too_far_loses_to_any_that_keeps_the_labels()
    {
        Assert.False(Rule.IsBetter(Score(1, 2.0), Score(80, 0.5)));
        Assert.True(Rule.IsBetter(Score(80, 0.5), Score(1, 2.0)));
        Assert.False(Rule.IsBetter(Score(1, 0.5, failures: 20), Score(80, 0.5)));
    }

    [Fact]
    public void When_no_checkpoint_keeps_the_labels_the_one_that_moves_the_pupil_least_wins()
    {
        Assert.True(Rule.IsBetter(Score(50, 2.0), Score(10, 3.0)));
        Assert.False(Rule.IsBetter(Score(5, double.NaN), Score(50, 3.0)));
    }

    [Fact]
    public void The_first_score_is_the_best_so_far() => Assert.True(Rule.IsBetter(Score(99, 9), null));
}
