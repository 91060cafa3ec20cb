using SimGan.Data.Datasets;
using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

public class EyeDatasetTests
{
    static float[] Read(EyeDataset dataset, long index)
    {
        var pixels = new float[dataset.Shape.Pixels];
        dataset.ReadImage(index, pixels);
        return pixels;
    }

    [Theory]
    [InlineData(EyeDomain.Synthetic)]
    [InlineData(EyeDomain.Real)]
    [InlineData(EyeDomain.Rendered)]
    public void Same_seed_and_index_give_the_same_image_in_any_order(EyeDomain domain)
    {
        var first = new EyeDataset(domain, null, 42);
        var second = new EyeDataset(domain, null, 42);
        var later = Read(first, 17);
        Read(second, 3);
        Assert.Equal(later, Read(second, 17));
        Assert.Equal(first.Labels(17)!.ToJsonString(), second.Labels(17)!.ToJsonString());
    }

    [Theory]
    [InlineData(EyeDomain.Synthetic)]
    [InlineData(EyeDomain.Real)]
    [InlineData(EyeDomain.Rendered)]
    public void Different_seeds_or_indices_give_different_images(EyeDomain domain)
    {
        var a = new EyeDataset(domain, null, 1);
        var b = new EyeDataset(domain, null, 2);
        Assert.NotEqual(Read(a, 0), Read(b, 0));
        Assert.NotEqual(Read(a, 0), Read(a, 1));
    }

    [Theory]
    [InlineData(EyeDomain.Synthetic, 35, 55)]
    [InlineData(EyeDomain.Real, 35, 55)]
    [InlineData(EyeDomain.Rendered, 35, 55)]
    [InlineData(EyeDomain.Synthetic, 36, 60)]
    [InlineData(EyeDomain.Real, 36, 60)]
    [InlineData(EyeDomain.Rendered, 36, 60)]
    public void Pixels_are_in_the_unit_range(EyeDomain domain, int height, int width)
    {
        var dataset = new EyeDataset(domain, 20, 5, height, width);
        for (int i = 0; i < 20; i++)
            Assert.All(Read(dataset, i), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_fixed_count_refuses_indices_past_its_end()
    {
        var dataset = new EyeDataset(EyeDomain.Synthetic, 10, 0);
        Assert.Equal(10, dataset.Count);
        Assert.Equal("eyes-synthetic:10", dataset.Spec);
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(dataset, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(dataset, -1));
    }

    [Fact]
    public void Endless_mode_has_no_count_and_reads_far_indices()
    {
        var dataset = new EyeDataset(EyeDomain.Real, null, 0);
        Assert.Null(dataset.Count);
        Assert.Equal(dataset.Shape.Pixels, Read(dataset, 5_000_000_000).Length);
    }

    [Fact]
    public void Labels_carry_the_documented_keys_and_a_consistent_gaze()
    {
        var dataset = new EyeDataset(EyeDomain.Synthetic, null, 3);
        for (int i = 0; i < 500; i++)
        {
            var labels = dataset.Labels(i)!;
            double pitch = labels["gaze_pitch"]!.GetValue<double>(), yaw = labels["gaze_yaw"]!.GetValue<double>();
            var v = labels["gaze_vector"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
            Assert.Equal(1.0, Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), tolerance: 1e-4);
            Assert.Equal(pitch, Math.Asin(-v[1]), tolerance: 1e-4);
            Assert.Equal(yaw, Math.Atan2(-v[0], -v[2]), tolerance: 1e-4);
            Assert.InRange(Math.Abs(yaw), 0, 40.001 * Math.PI / 180);
            Assert.InRange(Math.Abs(pitch), 0, 30.001 * Math.PI / 180);
            Assert.InRange(labels["pupil_x"]!.GetValue<double>(), 0, 55);
            Assert.InRange(labels["pupil_y"]!.GetValue<double>(), 0, 35);
            Assert.Equal(EyeLabels.IrisPoints, labels["iris_2d"]!.AsArray().Count);
            Assert.Equal(2 * EyeLabels.MarginPointsPerLid, labels["interior_margin_2d"]!.AsArray().Count);
            // Every number must be finite, or labels.jsonl cannot be written.
            Assert.DoesNotContain("NaN", labels.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            }));
        }
    }

    [Fact]
    public void Every_domain_has_its_own_name_and_the_name_parses_back()
    {
        var domains = Enum.GetValues<EyeDomain>();
        Assert.Equal(domains.Length, EyeDomainNames.All.Count);
        Assert.Equal(domains.Length, domains.Select(d => d.Name()).Distinct().Count());
        foreach (var domain in domains)
        {
            Assert.Equal(domain, EyeDomainNames.Parse(domain.Name()));
            Assert.Contains(domain.Name(), SimGan.Data.Simulation.DatasetExporter.Domains);
        }
        Assert.Null(EyeDomainNames.Parse("eyes-imaginary"));
    }

    [Fact]
    public void Absurd_sizes_are_refused_with_a_dataset_error()
    {
        Assert.Throws<DatasetException>(() => new EyeDataset(EyeDomain.Synthetic, null, 0, 100_000, 55));
        Assert.Throws<DatasetException>(() => new EyeDataset(EyeDomain.Synthetic, 0, 0));
    }
}
