using SimGan.Core.Images;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Tensors;
using TorchSharp;

namespace SimGan.Evaluation.Selection;

/// <summary>
/// Scores refiners on fixed validation images: how real their output looks next to held-out real images (kernel
/// distance on <see cref="RandomFeatures"/>) and how far they move the pupil. Everything fixed is computed once, so a
/// checkpoint costs one refinement of the validation images and a few milliseconds of arithmetic.
/// </summary>
public sealed class CheckpointScorer : IDisposable
{
    readonly RandomFeatures features;
    readonly double[] mean, scale;
    readonly double[][] real;
    readonly double bandwidth;
    readonly PupilDetector detector;
    readonly PupilDetection?[] before;

    /// <param name="baseline">Where the pupils are found before refinement; by default the validation images themselves.
    /// A refiner with a fixed output stage (equalisation) is compared with its input through that stage, so the
    /// stage's own effect on the detector is not charged to what the network learnt (as in <c>simgan evaluate</c>).</param>
    public CheckpointScorer(IImageSource synthetic, long validationImages, IImageSource heldOutReal, PupilDetector? detector = null,
                            IImageSource? baseline = null)
    {
        if (synthetic.Shape != heldOutReal.Shape)
            throw new ArgumentException($"the held-out real images are {heldOutReal.Shape} but the synthetic ones are {synthetic.Shape}");
        Shape = synthetic.Shape;
        long count = ImageTensors.Usable(synthetic, validationImages);
        if (count < 2) throw new ArgumentException("model selection needs at least 2 validation images");
        long realCount = ImageTensors.Usable(heldOutReal, null);
        if (realCount < 2) throw new ArgumentException("model selection needs at least 2 held-out real images");
        Validation = Read(synthetic, count);
        ValidationCount = (int)count;
        features = new RandomFeatures(Shape);
        var realRaw = Features(Read(heldOutReal, realCount), (int)realCount);
        // Standardised by the real images' own spread, so no feature dominates the kernel by its scale alone.
        int d = RandomFeatures.Length;
        mean = new double[d];
        scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double m = realRaw.Average(f => f[j]);
            double sd = Math.Sqrt(realRaw.Sum(f => (f[j] - m) * (f[j] - m)) / (realRaw.Length - 1));
            mean[j] = m;
            scale[j] = sd > 1e-8 ? 1 / sd : 1;
        }
        real = realRaw.Select(Standardise).ToArray();
        bandwidth = KernelDistance.MedianDistance(real);
        RealCount = (int)realCount;
        this.detector = detector ?? new PupilDetector();
        before = Detect(baseline is null ? Validation : Read(baseline, count), ValidationCount);
    }

    public ImageShape Shape { get; }

    /// <summary>The validation images, [0, 1] pixels.</summary>
    public float[] Validation { get; }

    public int ValidationCount { get; }

    public int RealCount { get; }

    public CheckpointScore Score(long step, Func<float[], int, ImageShape, float[]> refine)
    {
        var refined = refine(Validation, ValidationCount, Shape);
        var after = Detect(refined, ValidationCount);
        var shifts = new List<double>();
        for (int i = 0; i < ValidationCount; i++)
            if (before[i] is { } a && after[i] is { } b) shifts.Add(a.DistanceTo(b));
        return new CheckpointScore(step, Realism(refined, ValidationCount),
            shifts.Count == 0 ? double.NaN : shifts.Average(), ValidationCount - shifts.Count, ValidationCount);
    }

    /// <summary>Kernel distance ×100 between these images and the held-out real ones (bandwidth: the real images' median distance).</summary>
    public double Realism(float[] pixels, int count) =>
        100 * KernelDistance.Squared(Features(pixels, count).Select(Standardise).ToArray(), real, bandwidth);

    double[] Standardise(double[] f)
    {
        var s = new double[f.Length];
        for (int j = 0; j < f.Length; j++) s[j] = (f[j] - mean[j]) * scale[j];
        return s;
    }

    double[][] Features(float[] pixels, int count)
    {
        using var scope = torch.NewDisposeScope();
        const int batch = 64;
        var rows = new List<double[]>(count);
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            var x = Core.Training.ImageTensors.FromPixels(pixels[(start * Shape.Pixels)..((start + n) * Shape.Pixels)], n, Shape);
            var f = features.forward(x).to_type(torch.ScalarType.Float64).contiguous().data<double>().ToArray();
            for (int i = 0; i < n; i++) rows.Add(f[(i * RandomFeatures.Length)..((i + 1) * RandomFeatures.Length)]);
        }
        return rows.ToArray();
    }

    PupilDetection?[] Detect(float[] pixels, int count)
    {
        var found = new PupilDetection?[count];
        for (int i = 0; i < count; i++)
            found[i] = detector.Detect(pixels.AsSpan(i * Shape.Pixels, Shape.Pixels), Shape.Channels, Shape.Height, Shape.Width);
        return found;
    }

    static float[] Read(IImageSource source, long count)
    {
        var pixels = new float[count * source.Shape.Pixels];
        for (long i = 0; i < count; i++) source.ReadImage(i, pixels.AsSpan((int)(i * source.Shape.Pixels), source.Shape.Pixels));
        return pixels;
    }

    public void Dispose() => features.Dispose();
}
