namespace SimGan.Evaluation.Realism;

/// <summary>
/// Outcome of one two-sample test: the classifier's accuracy on held-out images of both sets (0.5 means it cannot
/// tell them apart) and its 95 % Wilson interval.
/// </summary>
public sealed record RealismResult(int Correct, int Tested, int TrainedOn, double CiLow, double CiHigh)
{
    public double Accuracy => Correct / (double)Tested;
}
