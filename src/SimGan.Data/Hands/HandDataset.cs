using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Eyes;

namespace SimGan.Data.Hands;

/// <summary>
/// hands-synthetic and hands-real: image i is a hand drawn from a stream seeded by (seed, domain, i), rendered to depth
/// in the crop around its joints (<see cref="HandDepthRenderer"/>), through the sensor model for hands-real
/// (<see cref="DepthSensor"/>), then normalised as <c>nyu-hand:</c> normalises NYU's frames: depth outside the joints'
/// range ± 150 mm (and beyond 2 m) is background 0, the rest (2000 − depth) / 2000, nearer brighter. Labels: the 14
/// joints' u, v in output pixels (pixel centres at whole numbers) and depth in mm. Endless without a count. Thread-safe.
/// </summary>
public sealed class HandDataset : IDataset
{
    /// <summary>64×64: the paper crops 224×224; at 64 the hand networks train on two cores in minutes (docs/hand.md).</summary>
    public const int DefaultSize = 64;
    const double FarLimit = 2000, DepthMargin = 150;

    readonly ulong _seed;

    public HandDataset(HandDomain domain, long? count, ulong seed, int size = DefaultSize, bool namesSeed = false)
    {
        if (count is <= 0) throw new DatasetException($"{domain.Name()}: the count must be positive, not {count}");
        if (size is < 16 or > 512) throw new DatasetException($"{domain.Name()}: size {size} is out of range; use 16 to 512");
        Domain = domain;
        Count = count;
        _seed = seed;
        Shape = new ImageShape(1, size, size);
        Spec = (count is long n ? $"{domain.Name()}:{n}" : domain.Name()) + (namesSeed ? $"?seed={seed}" : "");
    }

    public HandDomain Domain { get; }

    public string Spec { get; }

    public ImageShape Shape { get; }

    public long? Count { get; }

    public string SampleName(long index) => $"{index:D6}.png";

    public HandPose Pose(long index)
    {
        var random = RandomFor(index);
        return HandPose.Sample(ref random);
    }

    /// <summary>The joints in this image's pixels (u, v) and millimetres (d).</summary>
    public (double U, double V, double D)[] JointsInImage(HandPose pose)
    {
        var (left, top, size) = DepthCamera.CropAround(pose.Joints);
        double s = Shape.Width / size;
        return pose.Joints.Select(j =>
        {
            var (u, v) = DepthCamera.Project(j);
            return ((u - left) * s - 0.5, (v - top) * s - 0.5, j.Z);
        }).ToArray();
    }

    public JsonObject? Labels(long index)
    {
        var uvd = new JsonArray();
        foreach (var (u, v, d) in JointsInImage(Pose(index)))
            uvd.Add(new JsonArray(Math.Round(u, 3), Math.Round(v, 3), Math.Round(d, 3)));
        return new JsonObject { ["joint_uvd"] = uvd };
    }

    public void ReadImage(long index, Span<float> destination) => ReadImage(index, destination, Domain);

    /// <summary>
    /// Image <paramref name="index"/>'s hand as <paramref name="look"/> renders it: hands-synthetic's hand through the
    /// depth camera is what a perfect refiner would make of that image, with the same joints.
    /// </summary>
    public void ReadImage(long index, Span<float> destination, HandDomain look)
    {
        if (destination.Length != Shape.Pixels)
            throw new ArgumentException($"destination holds {destination.Length} floats, the image has {Shape.Pixels}");
        var random = RandomFor(index);
        var pose = HandPose.Sample(ref random);
        double size = HandDepthRenderer.Render(pose, Shape.Height, Shape.Width, destination);
        if (look == HandDomain.Real)
        {
            double millimetresPerPixel = pose.Joints[13].Z / DepthCamera.Focal * size / Shape.Width;
            DepthSensor.Apply(destination, Shape.Height, Shape.Width, millimetresPerPixel, ref random);
        }
        Normalize(destination, pose);
    }

    /// <summary>These images' hands through the depth camera, joints unchanged: what a perfect refiner would output.</summary>
    public IImageSource ThroughCamera() => new CameraLook(this);

    sealed class CameraLook(HandDataset hands) : IImageSource
    {
        public ImageShape Shape => hands.Shape;

        public long? Count => hands.Count;

        public void ReadImage(long index, Span<float> destination) => hands.ReadImage(index, destination, HandDomain.Real);
    }

    static void Normalize(Span<float> depth, HandPose pose)
    {
        double near = pose.Joints.Min(j => j.Z) - DepthMargin;
        double far = Math.Min(FarLimit, pose.Joints.Max(j => j.Z) + DepthMargin);
        for (int i = 0; i < depth.Length; i++)
        {
            float z = depth[i];
            depth[i] = z > 0 && z >= near && z <= far ? (float)((FarLimit - z) / FarLimit) : 0f;
        }
    }

    SampleRandom RandomFor(long index)
    {
        if (index < 0 || index >= (Count ?? long.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(index), $"{Spec} has no image {index}");
        return SampleRandom.For(_seed, Domain.Name(), index);
    }
}
