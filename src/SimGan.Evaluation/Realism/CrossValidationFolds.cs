namespace SimGan.Evaluation.Realism;

/// <summary>
/// The test positions of each fold of k-fold cross-validation over n shuffled images: k contiguous ranges that cover
/// [0, n) exactly once, their sizes differing by at most one (the first n mod k folds hold the extra image). The realism
/// test cuts both sets with the same ranges, so every fold tests as many real images as other ones.
/// </summary>
public static class CrossValidationFolds
{
    public static IReadOnlyList<(long Start, long End)> Of(long images, int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 1);
        if (images < folds) throw new ArgumentException($"{folds} folds need at least {folds} images, not {images}");
        long size = images / folds, extra = images % folds;
        var ranges = new List<(long, long)>(folds);
        long start = 0;
        for (int fold = 0; fold < folds; fold++)
        {
            long end = start + size + (fold < extra ? 1 : 0);
            ranges.Add((start, end));
            start = end;
        }
        return ranges;
    }
}
