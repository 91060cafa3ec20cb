using PureHDF;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats;

namespace SimGan.Fuzz.Targets;

/// <summary>h5: files (gaze.h5 / real_gaze.h5) through PureHDF: open, list, then read every sample's image and labels.</summary>
public sealed class Hdf5Target : FuzzTarget
{
    const int MaxSamplesRead = 8;
    static readonly ImageShape Eye = new(1, 35, 55);
    readonly ScratchFolder _scratch = new("hdf5");
    readonly TimeSpan _readLimit;

    /// <param name="readLimit">How long PureHDF may take per call before the file is refused (see <see cref="GazeH5Dataset"/>).</param>
    public Hdf5Target(TimeSpan readLimit)
    {
        _readLimit = readLimit;
    }

    public override string Name => "hdf5";

    public override string Parser => "GazeH5Dataset (PureHDF)";

    protected override void Parse(byte[] input)
    {
        string path = _scratch.Combine("input.h5");
        File.WriteAllBytes(path, input);
        using var dataset = new GazeH5Dataset(path, Eye, "h5:" + path, _readLimit);
        var pixels = new float[Eye.Pixels];
        for (long i = 0; i < Math.Min(dataset.Count ?? 0, MaxSamplesRead); i++)
        {
            dataset.Labels(i);
            dataset.ReadImage(i, pixels);
        }
    }

    protected override bool IsRefusal(Exception error) => error is DatasetException or BadSampleException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        var images = new H5Group();
        var looks = new H5Group();
        for (int i = 0; i < 2; i++)
        {
            var pixels = new byte[6, 9];
            for (int row = 0; row < 6; row++)
            for (int col = 0; col < 9; col++)
                pixels[row, col] = (byte)(i * 40 + col * 20 + row);
            images[i.ToString()] = pixels;
            looks[i.ToString()] = new double[] { 0.1 * i, 0.2, -0.97 };
        }
        var floats = new H5Group { ["0"] = new float[4, 5] { { 0, 0.5f, 1, 0.25f, 0.75f }, { 1, 1, 1, 1, 1 }, { 0, 0, 0, 0, 0 }, { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f } } };
        string path = _scratch.Combine("seed.h5");
        new H5File { ["image"] = images, ["look_vec"] = looks }.Write(path);
        yield return ("gaze.h5", File.ReadAllBytes(path));
        new H5File { ["image"] = floats }.Write(path);
        yield return ("real_gaze.h5", File.ReadAllBytes(path));
    }

    public override void Dispose() => _scratch.Dispose();
}
