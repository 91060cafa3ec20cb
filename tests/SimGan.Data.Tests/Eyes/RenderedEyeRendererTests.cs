using SimGan.Data.Datasets;
using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

/// <summary>
/// eyes-rendered: what a modern eye renderer draws. These pin what makes it one (anti-aliased edges, a dark pupil where
/// the label says, corneal glints, no flat regions, tones that equalise like MPIIGaze's) and what it shares with the
/// other domains (exact labels, determinism).
/// </summary>
public class RenderedEyeRendererTests
{
    const int Height = 35, Width = 55, Samples = 300;
    const ulong Seed = 7;

    static float[] Read(IDataset dataset, long index)
    {
        var pixels = new float[dataset.Shape.Pixels];
        dataset.ReadImage(index, pixels);
        return pixels;
    }

    /// <summary>Sample <paramref name="index"/>'s geometry and look, drawn as EyeDataset draws them.</summary>
    static (EyeGeometry Eye, RenderedLook Look) Scene(long index)
    {
        var random = SampleRandom.For(Seed, EyeDomainNames.Rendered, index);
        var eye = EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(EyeDomain.Rendered));
        return (eye, RenderedLook.Sample(ref random, Height));
    }

    static float[] Render(EyeGeometry eye, RenderedLook look)
    {
        var pixels = new float[eye.Height * eye.Width];
        RenderedEyeRenderer.Render(eye, look, pixels);
        return pixels;
    }

    [Fact]
    public void The_dataset_renders_the_scene_its_random_stream_draws()
    {
        var dataset = new EyeDataset(EyeDomain.Rendered, null, Seed);
        for (int i = 0; i < 5; i++)
        {
            var (eye, look) = Scene(i);
            Assert.Equal(Render(eye, look), Read(dataset, i));
        }
    }

    [Fact]
    public void The_same_seed_and_index_give_the_same_bytes_in_any_order_and_on_any_thread()
    {
        var dataset = new EyeDataset(EyeDomain.Rendered, 64, Seed);
        var forward = Enumerable.Range(0, 64).Select(i => Read(dataset, i)).ToArray();
        var parallel = new float[64][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[63 - i] = Read(dataset, 63 - i));
        var reopened = DatasetSpec.Open($"eyes-rendered:64?seed={Seed}");
        for (int i = 63; i >= 0; i--)
        {
            Assert.Equal(forward[i], parallel[i]);
            Assert.Equal(forward[i], Read(reopened, i));
        }
        Assert.NotEqual(forward[0], forward[1]);
        Assert.NotEqual(forward[0], Read(new EyeDataset(EyeDomain.Rendered, null, Seed + 1), 0));
    }

    [Fact]
    public void Labels_are_exactly_what_the_shared_geometry_gives()
    {
        var dataset = new EyeDataset(EyeDomain.Rendered, null, Seed);
        for (int i = 0; i < 200; i++)
        {
            var random = SampleRandom.For(Seed, EyeDomainNames.Rendered, i);
            var eye = EyeGeometry.Sample(ref random, Height, Width, EyeProportions.For(EyeDomain.Rendered));
            Assert.Equal(EyeLabels.For(eye).ToJsonString(), dataset.Labels(i)!.ToJsonString());
        }
    }

    [Fact]
    public void Pixels_stay_in_the_unit_range_even_with_the_brightest_glints_and_darkest_tones()
    {
        for (int i = 0; i < 100; i++)
        {
            var (eye, look) = Scene(i);
            var extreme = look with { GlintBrightness = 5f, FillGlintBrightness = 5f, Skin = 1f, Sclera = 1f, Pupil = 0f, IrisFibres = 1f };
            Assert.All(Render(eye, extreme), v => Assert.InRange(v, 0f, 1f));
            Assert.All(Render(eye, look), v => Assert.InRange(v, 0f, 1f));
        }
    }

    /// <summary>
    /// Pixels that the limbus crosses with between 30 % and 70 % of their area on the iris, rendered
    /// without blur: an anti-aliased renderer gives them a value well between the iris and the sclera beside them; one
    /// sample per pixel gives them one side's value.
    /// </summary>
    static double IntermediateShare(Func<EyeGeometry, int, float[]> render)
    {
        int edges = 0, intermediate = 0;
        for (int i = 0; i < 150; i++)
        {
            var (eye, _) = Scene(i);
            var image = render(eye, i);
            for (int row = 1; row < Height - 1; row++)
            for (int col = 1; col < Width - 1; col++)
            {
                double iris = IrisCoverage(eye, col, row);
                if (double.IsNaN(iris) || iris is < 0.3 or > 0.7) continue;
                float low = float.MaxValue, high = float.MinValue;
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    if (dx == 0 && dy == 0) continue;
                    float v = image[(row + dy) * Width + col + dx];
                    low = MathF.Min(low, v);
                    high = MathF.Max(high, v);
                }
                if (high - low < 0.1f) continue;
                edges++;
                float value = image[row * Width + col];
                float margin = 0.15f * (high - low);
                if (value > low + margin && value < high - margin) intermediate++;
            }
        }
        Assert.True(edges > 200, $"only {edges} limbus pixels");
        return intermediate / (double)edges;
    }

    /// <summary>The share of the pixel on the iris (or pupil), from 8×8 probes; NaN unless only iris and sclera are there.</summary>
    static double IrisCoverage(EyeGeometry eye, int col, int row)
    {
        int iris = 0;
        for (int j = 0; j < 8; j++)
        for (int k = 0; k < 8; k++)
        {
            var region = eye.Probe(col + (k + 0.5f) / 8, row + (j + 0.5f) / 8).Region;
            if (region is EyeRegion.Iris or EyeRegion.Pupil) iris++;
            else if (region != EyeRegion.Sclera) return double.NaN;
        }
        return iris / 64.0;
    }

    [Fact]
    public void Edges_are_anti_aliased_with_intermediate_values_where_the_simulator_has_one_side_or_the_other()
    {
        double rendered = IntermediateShare((eye, i) => Render(eye, Scene(i).Look with { BlurSigma = 0 }));
        double synthetic = IntermediateShare((eye, i) =>
        {
            var random = SampleRandom.For(Seed, "synthetic-look", i);
            var pixels = new float[Height * Width];
            SyntheticEyeRenderer.Render(eye, SyntheticLook.Sample(ref random, Height), pixels);
            return pixels;
        });
        Assert.True(rendered > 0.85, $"rendered: {rendered:P0} of limbus pixels intermediate");
        Assert.True(synthetic < 0.25, $"synthetic: {synthetic:P0} of limbus pixels intermediate");
    }

    [Fact]
    public void The_darkest_pixel_near_the_labelled_pupil_centre_is_in_the_pupil()
    {
        var dataset = new EyeDataset(EyeDomain.Rendered, null, Seed);
        int visible = 0, inPupil = 0;
        for (int i = 0; i < Samples; i++)
        {
            var eye = dataset.Geometry(i);
            var (px, py) = eye.PupilCentre;
            var centre = eye.Probe(px, py);
            if (centre.Region != EyeRegion.Pupil || centre.BelowUpperLid < 2 || centre.AboveLowerLid < 2) continue;
            visible++;
            var image = Read(dataset, i);
            // The darkest pixel of the open eye within one and a half iris radii of the label.
            float darkest = float.MaxValue, reach = 1.5f * eye.IrisRadius;
            (int Col, int Row) at = (-1, -1);
            for (int row = 0; row < Height; row++)
            for (int col = 0; col < Width; col++)
            {
                float x = col + 0.5f, y = row + 0.5f;
                if ((x - px) * (x - px) + (y - py) * (y - py) > reach * reach) continue;
                if (eye.Probe(x, y).Region == EyeRegion.Skin) continue;
                if (image[row * Width + col] < darkest) (darkest, at) = (image[row * Width + col], (col, row));
            }
            float distance = MathF.Sqrt(MathF.Pow(at.Col + 0.5f - px, 2) + MathF.Pow(at.Row + 0.5f - py, 2));
            if (distance <= eye.PupilRadius + 1f) inPupil++;
        }
        Assert.True(visible > Samples / 3, $"only {visible} pupils visible");
        Assert.True(inPupil >= 0.95 * visible, $"the darkest pixel was in the pupil in {inPupil} of {visible} images");
    }

    /// <summary>
    /// Whether the iris has a small spot much brighter than most of the ring of pixels two away from it (its median,
    /// so that sclera in part of the ring does not hide a glint near the limbus): a glint, as opposed to the iris's
    /// smooth shading or the sclera's light blurring over the limbus.
    /// </summary>
    static bool HasGlint(EyeGeometry eye, float[] image)
    {
        Span<float> ring = stackalloc float[16];
        for (int row = 2; row < Height - 2; row++)
        for (int col = 2; col < Width - 2; col++)
        {
            bool onIris = true;
            for (int dy = -1; dy <= 1 && onIris; dy++)
            for (int dx = -1; dx <= 1 && onIris; dx++)
                onIris = eye.Probe(col + dx + 0.5f, row + dy + 0.5f).Region is EyeRegion.Iris or EyeRegion.Pupil;
            if (!onIris) continue;
            for (int d = -2, k = 0; d < 2; d++)
            {
                ring[k++] = image[(row - 2) * Width + col + d];
                ring[k++] = image[(row + d) * Width + col + 2];
                ring[k++] = image[(row + 2) * Width + col - d];
                ring[k++] = image[(row - d) * Width + col - 2];
            }
            ring.Sort();
            if (image[row * Width + col] - ring[8] > 0.2f) return true;
        }
        return false;
    }

    [Fact]
    public void Eyes_whose_look_draws_a_glint_show_one_and_the_others_none()
    {
        // In MPIIGaze's patches glints are small and often absent, so the look draws one only some of the time
        // (RenderedLook.GlintProbability); a drawn glint must still be visible, and an eye without one must not seem
        // to have one.
        int drawn = 0, shown = 0, undrawn = 0, seeming = 0;
        for (int i = 0; i < Samples; i++)
        {
            var (eye, look) = Scene(i);
            if (eye.UpperLidHeight + eye.LowerLidHeight < 8) continue;
            bool glint = HasGlint(eye, Render(eye, look));
            if (look.GlintBrightness > 0 || look.FillGlintBrightness > 0)
            {
                drawn++;
                if (glint) shown++;
            }
            else
            {
                undrawn++;
                if (glint) seeming++;
            }
        }
        Assert.True(undrawn > 0.2 * (drawn + undrawn), $"{undrawn} of {drawn + undrawn} open eyes have no glint drawn");
        Assert.True(shown > 0.8 * drawn, $"{shown} of {drawn} open eyes with a glint drawn show one");
        Assert.True(seeming < 0.05 * undrawn, $"{seeming} of {undrawn} eyes without a glint seem to show one");
    }

    [Fact]
    public void No_region_is_flat()
    {
        // A refiner is a deterministic function of its input: from a flat region it can only make another flat region,
        // never the texture of a photograph. Every 4×4 window must vary by at least one 8-bit level.
        var dataset = new EyeDataset(EyeDomain.Rendered, null, Seed);
        int flat = 0, windows = 0;
        for (int i = 0; i < 100; i++)
        {
            var image = Read(dataset, i);
            for (int row = 0; row + 4 <= Height; row += 2)
            for (int col = 0; col + 4 <= Width; col += 2)
            {
                float low = float.MaxValue, high = float.MinValue;
                for (int dy = 0; dy < 4; dy++)
                for (int dx = 0; dx < 4; dx++)
                {
                    float v = image[(row + dy) * Width + col + dx];
                    low = MathF.Min(low, v);
                    high = MathF.Max(high, v);
                }
                windows++;
                if (high - low < 1f / 255) flat++;
            }
        }
        Assert.True(flat < 0.005 * windows, $"{flat} of {windows} windows are flat");
    }

    [Fact]
    public void Equalised_the_iris_is_darkest_and_the_sclera_grey_below_the_skin_as_in_MPIIGaze()
    {
        // MPIIGaze's patches are histogram-equalised; users equalise rendered images the same way (equalize:SPEC).
        var dataset = DatasetSpec.Open($"equalize:eyes-rendered?seed={Seed}");
        var geometry = new EyeDataset(EyeDomain.Rendered, null, Seed);
        var iris = new List<double>();
        var sclera = new List<double>();
        var skin = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            var eye = geometry.Geometry(i);
            var image = Read(dataset, i);
            var sums = new Dictionary<EyeRegion, (double Sum, int Count)>();
            for (int row = 1; row < Height - 1; row++)
            for (int col = 1; col < Width - 1; col++)
            {
                // Only pixels whose whole neighbourhood is one surface, so blur across edges does not blend them.
                var region = eye.Probe(col + 0.5f, row + 0.5f).Region;
                if (region is EyeRegion.Pupil) region = EyeRegion.Iris;
                bool uniform = true;
                for (int d = -1; d <= 1 && uniform; d += 2)
                    uniform = Same(eye.Probe(col + 0.5f + d, row + 0.5f).Region, region)
                              && Same(eye.Probe(col + 0.5f, row + 0.5f + d).Region, region);
                if (!uniform) continue;
                var (sum, count) = sums.GetValueOrDefault(region);
                sums[region] = (sum + image[row * Width + col], count + 1);
            }
            if (sums.TryGetValue(EyeRegion.Iris, out var a) && a.Count >= 5) iris.Add(a.Sum / a.Count);
            if (sums.TryGetValue(EyeRegion.Sclera, out var b) && b.Count >= 5) sclera.Add(b.Sum / b.Count);
            if (sums.TryGetValue(EyeRegion.Skin, out var c)) skin.Add(c.Sum / c.Count);
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        // Measured at the time of writing: iris 0.11 (glints included), skin 0.56, sclera 0.44. In the photographs the
        // sclera, mostly under the lids' shadow beside a large iris, is grey rather than the brightest region; the
        // skin below the eye is.
        Assert.InRange(Median(iris), 0.0, 0.2);
        Assert.InRange(Median(skin), 0.45, 0.65);
        Assert.InRange(Median(sclera), 0.3, 0.55);
        Assert.True(Median(sclera) > Median(iris) + 0.2, $"sclera {Median(sclera):F2}, iris {Median(iris):F2}");
        Assert.True(Median(sclera) < Median(skin), $"sclera {Median(sclera):F2}, skin {Median(skin):F2}");
    }

    static bool Same(EyeRegion a, EyeRegion b) => (a == EyeRegion.Pupil ? EyeRegion.Iris : a) == b;
}
