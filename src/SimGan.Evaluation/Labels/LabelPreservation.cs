using SimGan.Core.Images;
using SimGan.Evaluation.Tensors;

namespace SimGan.Evaluation.Labels;

/// <summary>Compares each synthetic image with its refined version: the refiner must not move what the labels describe.</summary>
public static class LabelPreservation
{
    /// <summary>
    /// Pairs image i of <paramref name="synthetic"/> with image i of <paramref name="refined"/> for the first
    /// <paramref name="pairs"/> images (all of them when null).
    /// </summary>
    public static LabelPreservationResult Measure(IImageSource synthetic, IImageSource refined, PupilDetector detector,
        long? pairs = null, Action<double>? progress = null)
    {
        if (synthetic.Shape != refined.Shape)
            throw new ArgumentException($"refined images ({refined.Shape}) must have the synthetic images' shape ({synthetic.Shape})");
        long count = Math.Min(ImageTensors.Usable(synthetic, pairs), ImageTensors.Usable(refined, pairs));
        ImageShape shape = synthetic.Shape;
        var before = new float[shape.Pixels];
        var after = new float[shape.Pixels];
        var shifts = new List<double>();
        double absoluteChange = 0;
        int failures = 0;
        for (long i = 0; i < count; i++)
        {
            synthetic.ReadImage(i, before);
            refined.ReadImage(i, after);
            for (int p = 0; p < before.Length; p++) absoluteChange += Math.Abs(after[p] - before[p]);
            var original = detector.Detect(before, shape.Channels, shape.Height, shape.Width);
            var moved = detector.Detect(after, shape.Channels, shape.Height, shape.Width);
            if (original is { } o && moved is { } m) shifts.Add(o.DistanceTo(m));
            else failures++;
            progress?.Invoke((i + 1) / (double)count);
        }
        double meanChange = count == 0 ? double.NaN : absoluteChange / (count * (double)shape.Pixels);
        return new LabelPreservationResult(shifts.ToArray(), meanChange, (int)count, failures);
    }
}
