using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Formats.Mat;
using SimGan.Data.Imaging;

namespace SimGan.Data.Formats;

/// <summary>
/// nyu-hand:PATH — the NYU hand pose set: depth_K_FFFFFFF.png (kinect K, frame F, both 1-based) whose depth in
/// millimetres is (G &lt;&lt; 8) | B (R = 0), and joint_data.mat with joint_uvd / joint_xyz as [kinect][frame][joint][3];
/// or, without joint_data.mat, one .mat holding keypoints3D as [frame][joint][3] (kinect 1; the 14 evaluation joints of
/// the test set as the public A2J code ships them in nyu_keypointsUVD_test.mat).
/// Preprocessing: pixels outside the hand's depth range (joints' range ± 150 mm, and never beyond 2 m) become 0 (the
/// background); foreground pixels become (2000 − depth) / 2000, i.e. depth offset from 2 m, nearer is brighter, in
/// [0, 1]; the image is cropped to a square around the joints (1.3 × their extent) and resized (224×224 by default).
/// </summary>
public sealed partial class NyuHandDataset : IDataset
{
    const double FarLimitMillimetres = 2000;
    const double DepthMarginMillimetres = 150;
    const double CropOverJointExtent = 1.3;

    readonly string _directory;
    readonly (string File, int Kinect, int Frame)[] _samples;
    readonly MatNumeric _uvd;
    readonly MatNumeric? _xyz;
    readonly string _jointsFile;

    public NyuHandDataset(string path, ImageShape shape, string spec)
    {
        if (!Directory.Exists(path)) throw new DatasetException($"folder {path} does not exist; check the path in \"{spec}\"");
        _directory = path;
        Shape = shape;
        Spec = spec;
        string joints = Path.Combine(path, "joint_data.mat");
        if (File.Exists(joints))
        {
            try
            {
                var variables = MatFile.Read(joints);
                _uvd = variables.GetValueOrDefault("joint_uvd") as MatNumeric
                       ?? throw new InvalidDataException("no numeric variable joint_uvd");
                _xyz = variables.GetValueOrDefault("joint_xyz") as MatNumeric;
                if (_uvd.Dimensions.Length != 4 || _uvd.Dimensions[3] != 3)
                    throw new InvalidDataException($"joint_uvd has shape [{string.Join(", ", _uvd.Dimensions)}], expected kinects×frames×joints×3");
            }
            catch (InvalidDataException e)
            {
                throw new DatasetException($"{joints}: {e.Message}; is this NYU's joint_data.mat?", e);
            }
        }
        else (joints, _uvd) = KeypointsFile(path);
        _jointsFile = joints;
        _samples = Directory.EnumerateFiles(path, "depth_*.png")
            .Select(file => (File: Path.GetFileName(file), Match: DepthName().Match(Path.GetFileName(file))))
            .Where(s => s.Match.Success)
            .Select(s => (s.File, Kinect: int.Parse(s.Match.Groups[1].Value), Frame: int.Parse(s.Match.Groups[2].Value)))
            .Where(s => s.Kinect >= 1 && s.Kinect <= Kinects && s.Frame >= 1 && s.Frame <= Frames)
            .OrderBy(s => s.Kinect).ThenBy(s => s.Frame)
            .ToArray();
        if (_samples.Length == 0)
            throw new DatasetException($"{path} has no depth_K_FFFFFFF.png files matching {Path.GetFileName(_jointsFile)}; check the folder");
    }

    // joint_data.mat: [kinect][frame][joint][3]; a keypoints3D file: [frame][joint][3] of kinect 1.
    int Kinects => _uvd.Dimensions.Length == 4 ? _uvd.Dimensions[0] : 1;

    int Frames => _uvd.Dimensions.Length == 4 ? _uvd.Dimensions[1] : _uvd.Dimensions[0];

    /// <summary>The folder's one .mat with keypoints3D as frames×joints×3, for kinect 1.</summary>
    static (string File, MatNumeric Uvd) KeypointsFile(string path)
    {
        var candidates = Directory.EnumerateFiles(path, "*.mat").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (candidates.Length == 0)
            throw new DatasetException($"{path} has neither joint_data.mat nor a .mat with keypoints3D; nyu-hand: needs the joints beside depth_*.png");
        foreach (string file in candidates)
        {
            IReadOnlyDictionary<string, MatValue> variables;
            try { variables = MatFile.Read(file); }
            catch (InvalidDataException e) { throw new DatasetException($"{file}: {e.Message}", e); }
            if (variables.GetValueOrDefault("keypoints3D") is not MatNumeric keypoints) continue;
            if (keypoints.Dimensions.Length != 3 || keypoints.Dimensions[2] != 3)
                throw new DatasetException($"{file}: keypoints3D has shape [{string.Join(", ", keypoints.Dimensions)}], expected frames×joints×3");
            return (file, keypoints);
        }
        throw new DatasetException($"{path}: no .mat there holds joint_uvd (joint_data.mat) or keypoints3D; is this an NYU hand folder?");
    }

    [GeneratedRegex(@"^depth_(\d+)_(\d+)\.png$")]
    private static partial Regex DepthName();

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count => _samples.Length;

    public string SampleName(long index) => _samples[index].File;

    public JsonObject? Labels(long index)
    {
        var (_, kinect, frame) = _samples[index];
        var joints = Joints(_uvd, kinect, frame);
        var box = CropBox(joints);
        double scaleX = (double)Shape.Width / box.Size, scaleY = (double)Shape.Height / box.Size;
        var uvd = new JsonArray();
        foreach (var (u, v, d) in joints)
            uvd.Add(new JsonArray(Math.Round((u - box.Left) * scaleX, 3), Math.Round((v - box.Top) * scaleY, 3), Math.Round(d, 3)));
        var labels = new JsonObject { ["kinect"] = kinect, ["frame"] = frame, ["joint_uvd"] = uvd };
        if (_xyz is not null && _xyz.Dimensions.SequenceEqual(_uvd.Dimensions))
            labels["joint_xyz"] = new JsonArray(Joints(_xyz, kinect, frame)
                .Select(j => (JsonNode)new JsonArray(Math.Round(j.U, 3), Math.Round(j.V, 3), Math.Round(j.D, 3))).ToArray());
        return labels;
    }

    public void ReadImage(long index, Span<float> destination)
    {
        var (file, kinect, frame) = _samples[index];
        string path = Path.Combine(_directory, file);
        DecodedImage image;
        try
        {
            image = ImageDecoder.Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new BadSampleException(path, e.Message, e);
        }
        var joints = Joints(_uvd, kinect, frame);
        double near = joints.Min(j => j.D) - DepthMarginMillimetres;
        double far = Math.Min(FarLimitMillimetres, joints.Max(j => j.D) + DepthMarginMillimetres);
        var plane = new float[image.Width * image.Height];
        for (int i = 0; i < plane.Length; i++)
        {
            // NYU packs depth into G and B and leaves R empty; a photograph or a grey depth map has R everywhere.
            if (image.Rgb[3 * i] != 0)
                throw new BadSampleException(path, "is not an NYU depth image: its red channel is not empty (NYU packs millimetres as (G << 8) | B with R = 0)");
            int depth = (image.Rgb[3 * i + 1] << 8) | image.Rgb[3 * i + 2];
            plane[i] = depth > 0 && depth >= near && depth <= far ? (float)((FarLimitMillimetres - depth) / FarLimitMillimetres) : 0f;
        }
        var box = CropBox(joints);
        var crop = Crop.Plane(plane, image.Height, image.Width, box.Left, box.Top, box.Size, box.Size);
        int size = Shape.Height * Shape.Width;
        for (int c = 0; c < Shape.Channels; c++)
            Resampler.Resize(crop, box.Size, box.Size, destination.Slice(c * size, size), Shape.Height, Shape.Width);
    }

    (double U, double V, double D)[] Joints(MatNumeric array, int kinect, int frame)
    {
        bool perKinect = array.Dimensions.Length == 4;
        int kinects = perKinect ? array.Dimensions[0] : 1, frames = perKinect ? array.Dimensions[1] : array.Dimensions[0];
        int count = array.Dimensions[perKinect ? 2 : 1];
        var joints = new (double, double, double)[count];
        for (int j = 0; j < count; j++)
        {
            // Column-major [kinect][frame][joint][coordinate].
            long at(int c) => (kinect - 1) + (long)kinects * ((frame - 1) + (long)frames * (j + (long)count * c));
            joints[j] = (array[at(0)], array[at(1)], array[at(2)]);
            if (!double.IsFinite(joints[j].Item1) || !double.IsFinite(joints[j].Item2) || !double.IsFinite(joints[j].Item3))
                throw new BadSampleException(_jointsFile, $"joint {j + 1} of kinect {kinect} frame {frame} is not a finite number");
        }
        return joints;
    }

    static (int Left, int Top, int Size) CropBox((double U, double V, double D)[] joints)
    {
        double minU = joints.Min(j => j.U), maxU = joints.Max(j => j.U), minV = joints.Min(j => j.V), maxV = joints.Max(j => j.V);
        int size = Math.Clamp((int)Math.Round(CropOverJointExtent * Math.Max(maxU - minU, maxV - minV)), 16, 4096);
        return ((int)Math.Round((minU + maxU) / 2 - size / 2.0), (int)Math.Round((minV + maxV) / 2 - size / 2.0), size);
    }
}
