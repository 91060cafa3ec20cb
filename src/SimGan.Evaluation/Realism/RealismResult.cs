namespace SimGan.Evaluation.Realism;

/// <summary>
/// Outcome of one two-sample test: the classifier's accuracy on held-out images of both sets (0.5 means it cannot
/// tell them apart) and its 95 % Wilson interval over all <paramref name="Tested"/> images.
/// </summary>
/// <param name="Tested">Images scored: half of those taking part with one fold, all of them with k ≥ 2.</param>
/// <param name="TrainedOn">Images each classifier trained on (with folds of unequal size, the fewest any of them had).</param>
/// <param name="Folds">1 for the half/half split, else k of the k-fold cross-validation.</param>
public sealed record RealismResult(int Correct, int Tested, int TrainedOn, double CiLow, double CiHigh, int Folds = 1)
{
    public double Accuracy => Correct / (double)Tested;
}
