using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

/// <summary>
/// The built-in domains must differ in appearance in the documented ways; eyes-synthetic and eyes-real in nothing
/// geometric.
/// </summary>
public class DomainGapTests
{
    const int Samples = 300;

    static (float[][] Images, EyeGeometry[] Eyes) Draw(EyeDomain domain)
    {
        var dataset = new EyeDataset(domain, null, 11);
        var images = new float[Samples][];
        var eyes = new EyeGeometry[Samples];
        for (int i = 0; i < Samples; i++)
        {
            images[i] = new float[dataset.Shape.Pixels];
            dataset.ReadImage(i, images[i]);
            eyes[i] = dataset.Geometry(i);
        }
        return (images, eyes);
    }

    [Fact]
    public void Geometry_distributions_match_between_the_simulator_and_the_camera()
    {
        // Geometry alone is cheap, so many draws make the comparison tight (standard error of a yaw mean ≈ 0.006 rad).
        // eyes-rendered draws photographs' proportions of its own (EyeProportionsTests).
        static EyeGeometry[] Geometries(EyeDomain domain)
        {
            var dataset = new EyeDataset(domain, null, 11);
            return Enumerable.Range(0, 4000).Select(i => dataset.Geometry(i)).ToArray();
        }
        var synthetic = Geometries(EyeDomain.Synthetic);
        var real = Geometries(EyeDomain.Real);
        Assert.Equal(synthetic.Average(e => e.Yaw), real.Average(e => e.Yaw), 0.04);
        Assert.Equal(synthetic.Average(e => e.Pitch), real.Average(e => e.Pitch), 0.03);
        Assert.Equal(synthetic.Average(e => Math.Abs(e.Yaw)), real.Average(e => Math.Abs(e.Yaw)), 0.03);
        Assert.Equal(synthetic.Average(e => e.IrisRadius), real.Average(e => e.IrisRadius), 0.1);
        Assert.Equal(synthetic.Average(e => e.UpperLidHeight), real.Average(e => e.UpperLidHeight), 0.15);
    }

    [Fact]
    public void Real_images_are_histogram_equalised_and_synthetic_ones_are_not()
    {
        // Equalisation spreads intensities over the whole range: about uniform, so a standard deviation near 0.29.
        double realSpread = Draw(EyeDomain.Real).Images.Average(Deviation);
        double syntheticSpread = Draw(EyeDomain.Synthetic).Images.Average(Deviation);
        Assert.InRange(realSpread, 0.24, 0.32);
        Assert.True(syntheticSpread < 0.7 * realSpread, $"synthetic spread {syntheticSpread:F3}, real {realSpread:F3}");
    }

    [Fact]
    public void Both_domains_have_fine_texture_for_the_refiner_to_shape_and_the_camera_has_more()
    {
        // Median absolute difference between horizontal neighbours: zero in a flat rendering. The simulator's texture
        // map and grain give a deterministic refiner variation to turn into the camera's equalised noise and skin
        // texture, which it could not invent from flat regions; the camera's is the stronger of the two.
        double real = Draw(EyeDomain.Real).Images.Average(MedianNeighbourDifference);
        double synthetic = Draw(EyeDomain.Synthetic).Images.Average(MedianNeighbourDifference);
        Assert.True(synthetic > 0.01, $"synthetic {synthetic:F4}");
        Assert.True(real > 1.5 * synthetic, $"real {real:F4}, synthetic {synthetic:F4}");
    }

    [Fact]
    public void Every_domain_darkens_the_band_above_the_upper_lid_where_lashes_grow()
    {
        // Lashes are anatomy, which the simulator renders as UnityEyes does: crude and hard-edged, but present. A refiner
        // can soften a lash; it cannot invent one that its input lacks (docs/data.md).
        double Contrast(EyeDomain domain)
        {
            var (images, eyes) = Draw(domain);
            double sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                var eye = eyes[i];
                int col = (int)eye.CentreX;
                int lid = (int)MathF.Floor(eye.UpperLidY(col + 0.5f));
                if (lid < 6) continue;
                // Just above the lid margin against skin three pixels higher.
                sum += images[i][(lid - 6) * eye.Width + col] - images[i][(lid - 1) * eye.Width + col];
            }
            return sum / Samples;
        }
        double real = Contrast(EyeDomain.Real), synthetic = Contrast(EyeDomain.Synthetic), rendered = Contrast(EyeDomain.Rendered);
        Assert.True(real > 0.05, $"real {real:F3}");
        Assert.True(synthetic > 0.05, $"synthetic {synthetic:F3}");
        Assert.True(rendered > 0.05, $"rendered {rendered:F3}");
    }

    [Fact]
    public void The_pupil_label_points_at_a_dark_pixel_in_every_domain_when_the_lids_leave_it_visible()
    {
        foreach (var domain in Enum.GetValues<EyeDomain>())
        {
            var (images, eyes) = Draw(domain);
            int visible = 0, dark = 0;
            for (int i = 0; i < Samples; i++)
            {
                var (x, y) = eyes[i].PupilCentre;
                if (eyes[i].Probe(x, y).Region != EyeRegion.Pupil) continue;
                var surface = eyes[i].Probe(x, y);
                if (surface.BelowUpperLid < 2 || surface.AboveLowerLid < 2) continue;
                visible++;
                // The darkest of the eye's pixels within two of the label's (lashes and skin left out): a glint may sit
                // on the pupil's centre (in eyes-rendered it often does, as in photographs), but not on all of it.
                float pupil = float.MaxValue;
                for (int dy = -2; dy <= 2; dy++)
                for (int dx = -2; dx <= 2; dx++)
                {
                    int row = Math.Clamp((int)y + dy, 0, eyes[i].Height - 1), col = Math.Clamp((int)x + dx, 0, eyes[i].Width - 1);
                    if (eyes[i].Probe(col + 0.5f, row + 0.5f).Region == EyeRegion.Skin) continue;
                    pupil = MathF.Min(pupil, images[i][row * eyes[i].Width + col]);
                }
                if (pupil < Median(images[i])) dark++;
            }
            Assert.True(visible > Samples / 3, $"{domain}: only {visible} pupils visible");
            Assert.True(dark > 0.95 * visible, $"{domain}: {dark} of {visible} pupils darker than the median");
        }
    }

    static double Deviation(float[] image)
    {
        double mean = image.Average();
        return Math.Sqrt(image.Average(v => (v - mean) * (v - mean)));
    }

    static float Median(float[] image)
    {
        var sorted = image.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    static double MedianNeighbourDifference(float[] image)
    {
        const int width = 55;
        var differences = new List<float>();
        for (int i = 0; i + 1 < image.Length; i++)
            if ((i + 1) % width != 0) differences.Add(Math.Abs(image[i + 1] - image[i]));
        differences.Sort();
        return differences[differences.Count / 2];
    }
}
