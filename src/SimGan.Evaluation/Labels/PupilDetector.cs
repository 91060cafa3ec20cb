namespace SimGan.Evaluation.Labels;

/// <summary>
/// Finds the pupil as the darkest blob, the same way in any image, so that it can be run on a synthetic image and on
/// its refined version alike (never the simulator's own coordinates).
/// <para>
/// First it finds the eye's dark blob: from the darkest 5×5 neighbourhood of a lightly blurred copy it grows a
/// 4-connected region below a threshold half-way between the blob's core and the ring around it. In a simulator image
/// that blob is the pupil; in a camera image, where the iris is nearly as dark, it is the iris, whose visible part
/// the lids cut unevenly, so its centroid is not the pupil's.
/// </para>
/// <para>
/// Then it finds the pupil inside that blob: the darkest small disc, and around it the weighted centroid of what is
/// darker than the iris annulus just outside the pupil. Each pixel weighs how far it lies from the annulus's level
/// toward the core's, so anti-aliased edge pixels count as the fraction of pupil they hold, which gives sub-pixel
/// centres. Both levels come from the image itself, so a brightness or contrast change moves no centre.
/// </para>
/// </summary>
public sealed class PupilDetector
{
    /// <summary>Below this difference between the image's median and its darkest point there is no dark blob.</summary>
    public double MinimumContrast { get; init; } = 0.02;

    /// <summary>A "blob" covering more than this fraction of the image is background, not a pupil.</summary>
    public double MaximumAreaFraction { get; init; } = 0.3;

    /// <summary>The pupil of a single-channel image (multi-channel images are averaged), or null if none is found.</summary>
    public PupilDetection? Detect(ReadOnlySpan<float> image, int channels, int height, int width)
    {
        float[] gray = Grayscale(image, channels, height, width);
        var blob = DarkBlob(gray, height, width);
        return blob is null ? null : PupilWithin(gray, height, width, blob.Value) ?? blob;
    }

    PupilDetection? DarkBlob(float[] gray, int height, int width)
    {
        float[] blurred = BoxBlur(gray, height, width, 1);
        // The seed is the darkest 5×5 neighbourhood, not the darkest pixel: a pupil fills it, while thin dark
        // structures a refiner adds (lash lines, specks at the eye corners) fill only part of it.
        int seed = ArgMinInside(BoxBlur(gray, height, width, 2), height, width,
            (int)(SideMargin * width), (int)(TopMargin * height));
        double core = blurred[seed];
        double median = Median(blurred);
        if (median - core < MinimumContrast) return null;

        double threshold = core + 0.25 * (median - core);
        double ring = median;
        bool[] region = [];
        for (int pass = 0; pass < 3; pass++)
        {
            region = Grow(blurred, height, width, seed, threshold, MaximumRadiusFraction * width, out int area, out double cx, out double cy);
            if (area > MaximumAreaFraction * height * width) return null;
            double radius = Math.Sqrt(area / Math.PI);
            ring = RingLevel(blurred, height, width, cx, cy, radius + 1, radius + 3) ?? median;
            if (ring - core < MinimumContrast) return null;
            threshold = (core + ring) / 2;
        }
        return WeightedCentroid(gray, height, width, Dilate(region, height, width), core, ring);
    }

    /// <summary>
    /// The pupil inside a dark blob: the darkest disc a little smaller than any pupil, centred within the blob's
    /// equivalent radius + 1 px of its centre, then the weighted centroid around it of what is darker than the annulus
    /// between pupil and limbus. Null when the annulus is not darker-cored, and the blob's own centroid stands.
    /// </summary>
    PupilDetection? PupilWithin(float[] gray, int height, int width, PupilDetection blob)
    {
        double disc = PupilCoreFraction * width, window = PupilWindowFraction * width;
        double reach = Math.Max(disc, blob.Radius + 1);
        double core = double.MaxValue;
        int bestX = 0, bestY = 0;
        for (int y = (int)Math.Floor(blob.Y - reach); y <= (int)Math.Ceiling(blob.Y + reach); y++)
        for (int x = (int)Math.Floor(blob.X - reach); x <= (int)Math.Ceiling(blob.X + reach); x++)
        {
            if (y < 0 || x < 0 || y >= height || x >= width) continue;
            if ((x - blob.X) * (x - blob.X) + (y - blob.Y) * (y - blob.Y) > reach * reach) continue;
            double level = DiscMean(gray, height, width, x, y, disc);
            if (level < core) (core, bestX, bestY) = (level, x, y);
        }
        double? surround = RingLevel(gray, height, width, bestX, bestY, window - 0.5, window + 1.5);
        if (surround is not double iris || iris - core < MinimumContrast) return null;
        var near = new bool[gray.Length];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            near[y * width + x] = (x - bestX) * (x - bestX) + (y - bestY) * (y - bestY) <= window * window;
        return WeightedCentroid(gray, height, width, near, core, iris);
    }

    static double DiscMean(float[] image, int height, int width, int cx, int cy, double radius)
    {
        int r = (int)Math.Ceiling(radius);
        double sum = 0;
        int count = 0;
        for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
        {
            if (dx * dx + dy * dy > radius * radius) continue;
            sum += image[Math.Clamp(cy + dy, 0, height - 1) * width + Math.Clamp(cx + dx, 0, width - 1)];
            count++;
        }
        return sum / count;
    }

    static PupilDetection? WeightedCentroid(float[] gray, int height, int width, bool[] region, double core, double ring)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int i = y * width + x;
            if (!region[i]) continue;
            double weight = Math.Clamp((ring - gray[i]) / (ring - core), 0, 1);
            sum += weight;
            sx += weight * x;
            sy += weight * y;
        }
        return sum <= 0 ? null : new PupilDetection(sx / sum, sy / sum, Math.Sqrt(sum / Math.PI));
    }

    static bool[] Grow(float[] image, int height, int width, int seed, double threshold, double maxRadius,
        out int area, out double cx, out double cy)
    {
        int seedX = seed % width, seedY = seed / width;
        var inside = new bool[image.Length];
        var pending = new Stack<int>();
        pending.Push(seed);
        inside[seed] = true;
        area = 0;
        double sx = 0, sy = 0;
        while (pending.Count > 0)
        {
            int i = pending.Pop();
            int x = i % width, y = i / width;
            area++;
            sx += x;
            sy += y;
            Visit(x - 1, y); Visit(x + 1, y); Visit(x, y - 1); Visit(x, y + 1);
        }
        cx = sx / area;
        cy = sy / area;
        return inside;

        void Visit(int x, int y)
        {
            if (x < 0 || y < 0 || x >= width || y >= height) return;
            int j = y * width + x;
            if (inside[j] || image[j] > threshold) return;
            if ((x - seedX) * (x - seedX) + (y - seedY) * (y - seedY) > maxRadius * maxRadius) return;
            inside[j] = true;
            pending.Push(j);
        }
    }

    static double? RingLevel(float[] image, int height, int width, double cx, double cy, double inner, double outer)
    {
        var values = new List<float>();
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            if (d >= inner && d <= outer) values.Add(image[y * width + x]);
        }
        return values.Count == 0 ? null : Median(values.ToArray());
    }

    static bool[] Dilate(bool[] region, int height, int width)
    {
        var grown = (bool[])region.Clone();
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            if (!region[y * width + x]) continue;
            for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height) grown[ny * width + nx] = true;
            }
        }
        return grown;
    }

    static float[] Grayscale(ReadOnlySpan<float> image, int channels, int height, int width)
    {
        int plane = height * width;
        if (image.Length != channels * plane)
            throw new ArgumentException($"expected {channels}×{height}×{width} = {channels * plane} values, got {image.Length}");
        var gray = new float[plane];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < plane; i++)
                gray[i] += image[c * plane + i] / channels;
        return gray;
    }

    /// <summary>(2r+1)² mean with clamped borders: keeps single noisy pixels from seeding or splitting the region.</summary>
    static float[] BoxBlur(float[] image, int height, int width, int r)
    {
        var blurred = new float[image.Length];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            float sum = 0;
            for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++)
            {
                int nx = Math.Clamp(x + dx, 0, width - 1), ny = Math.Clamp(y + dy, 0, height - 1);
                sum += image[ny * width + nx];
            }
            blurred[y * width + x] = sum / ((2 * r + 1) * (2 * r + 1));
        }
        return blurred;
    }

    /// <summary>
    /// Fraction of the width on each side where no search starts. Normalised eye patches (MPIIGaze's, the built-in
    /// domains') centre the eye, so at ±40° yaw the pupil stays within the middle 56 %, while the eye corners, which
    /// a refiner often darkens into pupil-sized blobs, lie in the outer fifths.
    /// </summary>
    public double SideMargin { get; init; } = 0.22;

    /// <summary>
    /// The region never grows farther than this fraction of the width from its seed (an iris is ~0.14 of it): a dark
    /// lid line touching the iris must not drag the centre along it.
    /// </summary>
    public double MaximumRadiusFraction { get; init; } = 0.16;

    /// <summary>
    /// Fraction of the height at the top and at the bottom where no search starts: eyebrows and the darkest
    /// vignetted corners lie there, and a centred eye patch's pupil never does (its centre stays within the middle
    /// 60 % at ±30° pitch).
    /// </summary>
    public double TopMargin { get; init; } = 0.16;

    /// <summary>
    /// Radius of the disc that finds the pupil's core, as a fraction of the width (2 px at 55): smaller than the
    /// smallest pupil, larger than a lash line is thick.
    /// </summary>
    public const double PupilCoreFraction = 2.0 / 55;

    /// <summary>
    /// Radius, as a fraction of the width (5 px at 55), of the window of the pupil's centroid: beyond the largest
    /// pupil and its blur, inside the smallest iris. The iris level is read just outside it.
    /// </summary>
    public const double PupilWindowFraction = 5.0 / 55;

    static int ArgMinInside(float[] values, int height, int width, int sideMargin, int topMargin)
    {
        int best = -1;
        for (int y = topMargin; y < height - topMargin; y++)
        for (int x = sideMargin; x < width - sideMargin; x++)
        {
            int i = y * width + x;
            if (best < 0 || values[i] < values[best]) best = i;
        }
        return Math.Max(best, 0);
    }

    static double Median(float[] values)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
