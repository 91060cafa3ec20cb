using SimGan.Data.Datasets;

namespace SimGan.Evaluation.Gaze;

/// <summary>
/// Whether a real test set can score gaze estimators. Users often bring real photographs without gaze labels; such a
/// set still serves the realism test and the sample images, so the evaluation leaves gaze out instead of failing in
/// its first stage.
/// </summary>
public static class GazeTestSet
{
    /// <summary>
    /// Images whose labels are looked at. A set's labels come from one source (a labels file, a generator), so the
    /// first few say whether it has gaze at all; an image further on without them still fails the gaze test loudly.
    /// </summary>
    public const int ImagesChecked = 3;

    /// <summary>The reason report.json gives when the set has no gaze labels.</summary>
    public const string NoGazeLabels = "the real test set has no gaze labels";

    /// <summary>Null when the first images carry gaze labels (the keys <see cref="GazeLabels.VectorOf"/> reads), else why gaze cannot be measured.</summary>
    /// <exception cref="ArgumentException">Some of the first images have gaze labels and others do not.</exception>
    public static string? WhyUnmeasurable(IDataset realTest)
    {
        long images = Math.Min(realTest.Count ?? ImagesChecked, ImagesChecked);
        var labelled = new List<bool>();
        for (long i = 0; i < images; i++) labelled.Add(GazeLabels.Present(realTest.Labels(i)));
        if (labelled.All(present => present)) return null;
        if (labelled.All(present => !present)) return NoGazeLabels;
        // Half-labelled sets would either fail midway through the first estimator or be silently skipped: say which now.
        int with = labelled.IndexOf(true), without = labelled.IndexOf(false);
        throw new ArgumentException($"image {with} of the real test set ({realTest.Spec}) has gaze labels but image {without} has none; " +
                                    "label every image or none");
    }
}
