using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;

namespace SimGan.Data.Tests.Datasets;

public class SkippingDatasetTests
{
    /// <summary>Image i is filled with i; the listed indices are bad.</summary>
    sealed class Numbered(long count, params long[] bad) : IDataset
    {
        public string Spec => "numbered";
        public ImageShape Shape => new(1, 1, 2);
        public long? Count => count;
        public string SampleName(long index) => $"{index}.png";
        public JsonObject? Labels(long index) =>
            bad.Contains(index) ? throw new BadSampleException(SampleName(index), "labels broken") : new JsonObject { ["i"] = index };

        public void ReadImage(long index, Span<float> destination)
        {
            if (bad.Contains(index)) throw new BadSampleException(SampleName(index), "truncated");
            destination.Fill(index);
        }
    }

    static float Read(IDataset dataset, long index)
    {
        var pixels = new float[2];
        dataset.ReadImage(index, pixels);
        return pixels[0];
    }

    [Fact]
    public void A_bad_sample_is_replaced_by_the_next_good_one_and_listed()
    {
        var dataset = new SkippingDataset(new Numbered(1000, 5, 6), strict: false);
        Assert.Equal(7f, Read(dataset, 5));
        Assert.Equal(7f, Read(dataset, 6));
        Assert.Equal(4f, Read(dataset, 4));
        Assert.Equal(["5.png: truncated", "6.png: truncated"], dataset.BadSamples);
    }

    [Fact]
    public void Replacement_wraps_around_at_the_end()
    {
        var dataset = new SkippingDataset(new Numbered(200, 199), strict: false);
        Assert.Equal(0f, Read(dataset, 199));
    }

    [Fact]
    public void Stops_once_more_than_the_allowed_fraction_is_bad()
    {
        var dataset = new SkippingDataset(new Numbered(100, 10, 20), strict: false, maxBadFraction: 0.01);
        Read(dataset, 10);
        var error = Assert.Throws<DatasetException>(() => Read(dataset, 20));
        Assert.Contains("2 of 100", error.Message);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_bad_sample_and_names_it()
    {
        var dataset = new SkippingDataset(new Numbered(1000, 3), strict: true);
        var error = Assert.Throws<DatasetException>(() => Read(dataset, 3));
        Assert.Contains("3.png: truncated", error.Message);
    }

    [Fact]
    public void Bad_labels_are_counted_and_give_null()
    {
        var dataset = new SkippingDataset(new Numbered(1000, 8), strict: false);
        Assert.Null(dataset.Labels(8));
        Assert.Single(dataset.BadSamples);
    }

    [Fact]
    public void The_bad_sample_list_is_written_for_the_run_folder()
    {
        using var temp = new TempDirectory();
        var dataset = new SkippingDataset(new Numbered(1000, 1), strict: false);
        Read(dataset, 1);
        dataset.WriteBadSampleList(temp.Combine("bad-samples.txt"));
        Assert.Equal(["1.png: truncated"], File.ReadAllLines(temp.Combine("bad-samples.txt")));
    }
}
