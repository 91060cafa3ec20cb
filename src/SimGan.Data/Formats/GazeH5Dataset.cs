using System.Text.Json.Nodes;
using PureHDF;
using PureHDF.VOL.Native;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Imaging;

namespace SimGan.Data.Formats;

/// <summary>
/// h5:PATH — the widely shared Kaggle eye-gaze files: gaze.h5 (groups "image" and "look_vec", one dataset per sample,
/// same names) and real_gaze.h5 (group "image" only), 35×55 grayscale. look_vec follows UnityEyes' frame (y up, z
/// towards the camera). Samples are read from the file on demand; PureHDF reads are serialised with a lock.
/// </summary>
public sealed class GazeH5Dataset : IDataset, IDisposable
{
    const long MaxPixels = 1 << 24;

    readonly object _gate = new();
    readonly NativeFile _file;
    readonly string _path;
    readonly string[] _names;
    readonly bool _hasLookVectors;

    /// <summary>How long one PureHDF call may take before the file is called damaged: far above any real read.</summary>
    public static readonly TimeSpan DefaultReadLimit = TimeSpan.FromSeconds(30);

    readonly TimeSpan _readLimit;
    readonly TimeBoxedThread _reader;
    bool _stuck;

    public GazeH5Dataset(string path, ImageShape shape, string spec, TimeSpan? readLimit = null)
    {
        _path = path;
        Shape = shape;
        Spec = spec;
        _readLimit = readLimit ?? DefaultReadLimit;
        _reader = new TimeBoxedThread("hdf5-reader");
        try
        {
            (_file, _names, _hasLookVectors) = Open(path);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    (NativeFile File, string[] Names, bool HasLookVectors) Open(string path)
    {
        try
        {
            return _reader.Run(() =>
            {
                var opened = H5File.OpenRead(path);
                try
                {
                    if (!opened.LinkExists("image"))
                        throw new DatasetException($"{path} has no group \"image\"; h5: expects gaze.h5 / real_gaze.h5 (groups image and look_vec)");
                    var names = opened.Group("image").Children().Select(child => child.Name)
                        .OrderBy(name => long.TryParse(name, out long n) ? n : long.MaxValue).ThenBy(name => name, StringComparer.Ordinal)
                        .ToArray();
                    if (names.Length == 0) throw new DatasetException($"{path}: group \"image\" is empty; check the file");
                    return (opened, names, opened.LinkExists("look_vec"));
                }
                catch
                {
                    opened.Dispose();
                    throw;
                }
            }, _readLimit);
        }
        catch (TimeoutException e)
        {
            throw new DatasetException($"{path}: reading its HDF5 structure {e.Message}; the file is damaged (its structure loops)", e);
        }
        catch (DatasetException)
        {
            throw;
        }
        catch (Exception e)
        {
            // PureHDF reports malformed files with many exception types; for the user it is one thing.
            throw new DatasetException($"{path} is not a readable HDF5 file ({e.GetType().Name}: {e.Message.Split('\n')[0]})", e);
        }
    }

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count => _names.Length;

    public string SampleName(long index) => $"{_names[index]}.png";

    public JsonObject? Labels(long index)
    {
        if (!_hasLookVectors) return null;
        string name = _names[index];
        double[] look = Guarded(name, () =>
        {
            var dataset = _file.Group("look_vec").Dataset(name);
            if (dataset.Space.Dimensions.Aggregate(1UL, (a, b) => a * b) is < 3 or > 16)
                throw new InvalidDataException("look_vec must hold 3 or 4 numbers");
            var values = dataset.Type.Class == H5DataTypeClass.FloatingPoint && dataset.Type.Size == 4
                ? dataset.Read<float[]>().Select(v => (double)v).ToArray()
                : dataset.Read<double[]>();
            // As with images, a damaged file can hold less data than its dataspace says (found by fuzzing).
            return values.Length >= 3 ? values : throw new InvalidDataException($"look_vec holds {values.Length} numbers, not 3 or 4");
        });
        var (x, y, z) = UnityEyesGaze.ToCameraFrame(look[0], look[1], look[2]);
        try
        {
            return GazeLabels.FromVector(x, y, z);
        }
        catch (InvalidDataException e)
        {
            throw new BadSampleException($"{_path}:look_vec/{name}", e.Message, e);
        }
    }

    public void ReadImage(long index, Span<float> destination)
    {
        string name = _names[index];
        var (pixels, height, width) = Guarded(name, () =>
        {
            var dataset = _file.Group("image").Dataset(name);
            var dims = dataset.Space.Dimensions;
            if (dims.Length is < 2 or > 3 || (dims.Length == 3 && dims[2] != 1))
                throw new InvalidDataException($"image has shape [{string.Join(", ", dims)}], expected height×width");
            if (dims[0] == 0 || dims[1] == 0 || dims[0] * dims[1] > MaxPixels)
                throw new InvalidDataException($"image of {dims[0]}×{dims[1]} pixels is empty or over the limit");
            float[] values = dataset.Type.Class switch
            {
                H5DataTypeClass.FixedPoint when dataset.Type.Size == 1 => dataset.Read<byte[]>().Select(v => v / 255f).ToArray(),
                H5DataTypeClass.FloatingPoint when dataset.Type.Size == 4 => dataset.Read<float[]>(),
                H5DataTypeClass.FloatingPoint => dataset.Read<double[]>().Select(v => (float)v).ToArray(),
                _ => throw new InvalidDataException($"image pixels of type {dataset.Type.Class}/{dataset.Type.Size} bytes are not supported"),
            };
            // The dataspace and the data can disagree in a damaged file (found by fuzzing).
            if (values.Length != (long)dims[0] * (long)dims[1])
                throw new InvalidDataException($"image holds {values.Length} values for {dims[0]}×{dims[1]} pixels");
            // Float files come both as [0, 1] and as [0, 255]; the larger range is told by its values.
            if (dataset.Type.Class == H5DataTypeClass.FloatingPoint && values.Max() > 1.5f)
                for (int i = 0; i < values.Length; i++) values[i] /= 255f;
            return (values, (int)dims[0], (int)dims[1]);
        });
        int plane = Shape.Height * Shape.Width;
        for (int c = 0; c < Shape.Channels; c++)
        {
            var target = destination.Slice(c * plane, plane);
            Resampler.Resize(pixels, height, width, target, Shape.Height, Shape.Width);
            for (int i = 0; i < target.Length; i++) target[i] = Math.Clamp(target[i], 0f, 1f);
        }
    }

    T Guarded<T>(string name, Func<T> read)
    {
        lock (_gate)
        {
            if (_stuck) throw new BadSampleException($"{_path}:{name}", "an earlier read of this file never finished; the file is damaged");
            try
            {
                return _reader.Run(read, _readLimit);
            }
            catch (TimeoutException)
            {
                _stuck = true;
                throw new BadSampleException($"{_path}:{name}", $"the read did not finish in {_readLimit.TotalSeconds:0.#} s; the file is damaged");
            }
            catch (Exception e) when (e is not BadSampleException)
            {
                throw new BadSampleException($"{_path}:{name}", e.Message.Split('\n')[0], e);
            }
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _reader.Dispose();
    }
}
