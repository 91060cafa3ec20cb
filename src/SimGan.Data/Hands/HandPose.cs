using SimGan.Data.Eyes;

namespace SimGan.Data.Hands;

/// <summary>A sphere-swept segment (a capsule whose radius may taper): one bone's flesh, the palm or the forearm.</summary>
public readonly record struct Capsule(Vec3 Start, Vec3 End, double StartRadius, double EndRadius);

/// <summary>
/// One articulated hand in the camera's frame: its 14 evaluation joints (<see cref="HandJoints"/>) and the capsules
/// its surface is made of. Drawn from a seeded stream with a real hand's joint limits, a random wrist rotation and a
/// per-sample shape (size, finger lengths, thickness).
/// </summary>
public sealed class HandPose
{
    HandPose(Vec3[] joints, Capsule[] capsules)
    {
        Joints = joints;
        Capsules = capsules;
    }

    /// <summary>The 14 joints, in millimetres in the camera's frame.</summary>
    public IReadOnlyList<Vec3> Joints { get; }

    public IReadOnlyList<Capsule> Capsules { get; }

    // Lengths in mm of an average adult hand (proximal, middle, distal phalanx), MCP positions on the palm relative to
    // the wrist's centre (x to the thumb, y towards the fingers), and each finger's radius at its base.
    static readonly (double X, double Y, double[] Lengths, double Radius)[] Fingers =
    [
        (-27, 78, [32, 20, 17], 7.0),  // little
        (-9, 88, [42, 27, 19], 8.0),   // ring
        (9, 92, [46, 29, 20], 8.5),    // middle
        (27, 88, [41, 24, 18], 8.3),   // index
    ];

    /// <summary>Draws a hand: the stream's next values decide its shape, joint angles, wrist rotation and distance.</summary>
    public static HandPose Sample(ref SampleRandom random)
    {
        double Deg(double low, double high, ref SampleRandom r) => r.Uniform(low, high) * Math.PI / 180;
        double scale = random.Uniform(0.85, 1.15), thickness = random.Uniform(0.9, 1.12);
        var capsules = new List<Capsule>();
        var local = new Vec3[HandJoints.Count];
        var palmNormal = new Vec3(0, 0, -1); // the palm faces the camera before the wrist turns

        for (int f = 0; f < Fingers.Length; f++)
        {
            var (x, y, lengths, radius) = Fingers[f];
            double lengthScale = scale * random.Uniform(0.93, 1.07);
            var mcp = new Vec3(x * scale, -y * scale, 0);
            double abduction = Deg(-12, 12, ref random) + (f - 1.5) * 0.06;
            double mcpFlex = Deg(-15, 90, ref random), pipFlex = Deg(0, 105, ref random);
            double dipFlex = Math.Clamp(pipFlex * random.Uniform(0.55, 0.85), 0, 80 * Math.PI / 180);
            var direction = new Vec3(Math.Sin(abduction), -Math.Cos(abduction), 0);
            var chain = Chain(mcp, direction, palmNormal, [mcpFlex, pipFlex, dipFlex], lengths.Select(l => l * lengthScale).ToArray(),
                              radius * thickness, capsules);
            local[2 * f] = chain[2];     // tip, little finger first as in NYU's order
            local[2 * f + 1] = chain[0]; // PIP, the end of the proximal phalanx
        }

        // The thumb: from its carpometacarpal joint near the wrist, angled out of the palm and across it as it flexes.
        var cmc = new Vec3(22 * scale, -18 * scale, -4 * scale);
        double spread = Deg(25, 60, ref random);
        var thumbDirection = Normalize(new Vec3(Math.Sin(spread), -Math.Cos(spread), -0.25));
        var thumbNormal = Normalize(new Vec3(-0.75, 0, -0.65));
        double thumbScale = scale * random.Uniform(0.93, 1.07);
        var thumb = Chain(cmc, thumbDirection, thumbNormal, [Deg(0, 40, ref random), Deg(0, 60, ref random), Deg(0, 80, ref random)],
                          [40 * thumbScale, 32 * thumbScale, 26 * thumbScale], 10.5 * thickness, capsules);
        local[8] = thumb[2];
        local[9] = thumb[1];
        local[10] = thumb[0];

        var wristLittle = new Vec3(-30 * scale, 0, 0);
        var wristThumb = new Vec3(30 * scale, 0, 0);
        local[11] = wristLittle;
        local[12] = wristThumb;
        local[13] = new Vec3(0, -45 * scale, 0);

        // Palm: thick capsules from the wrist to each knuckle, across the knuckles and across the middle; the forearm.
        double palm = 12 * thickness * scale;
        foreach (var (x, y, _, _) in Fingers)
        {
            var knuckle = new Vec3(x * scale, -y * scale, 0);
            capsules.Add(new Capsule(new Vec3(x * 0.8 * scale, -8 * scale, 0), knuckle, palm, palm * 0.8));
        }
        capsules.Add(new Capsule(new Vec3(Fingers[0].X * scale, -Fingers[0].Y * scale, 0), new Vec3(Fingers[3].X * scale, -Fingers[3].Y * scale, 0), palm * 0.85, palm * 0.85));
        capsules.Add(new Capsule(new Vec3(-26 * scale, -45 * scale, 0), new Vec3(26 * scale, -45 * scale, 0), palm, palm));
        capsules.Add(new Capsule(wristLittle, wristThumb, palm, palm));
        capsules.Add(new Capsule(new Vec3(0, 10 * scale, 0), new Vec3(0, 170 * scale, 0), 26 * thickness * scale, 31 * thickness * scale));

        // The wrist turns the hand: roll in the image plane, then pitch and yaw out of it; then it is placed at arm's length.
        var turn = Rotation.AboutZ(Deg(-70, 70, ref random)) * Rotation.AboutX(Deg(-35, 35, ref random)) * Rotation.AboutY(Deg(-40, 40, ref random));
        var at = new Vec3(random.Uniform(-40, 40), random.Uniform(-30, 30), random.Uniform(650, 900));
        Vec3 Place(Vec3 p) => turn.Apply(p - local[13]) + at;
        return new HandPose(local.Select(Place).ToArray(),
                            capsules.Select(c => c with { Start = Place(c.Start), End = Place(c.End) }).ToArray());
    }

    /// <summary>
    /// Three segments from <paramref name="start"/>, each flexed from the last towards <paramref name="normal"/> (the
    /// palm's side); adds their capsules, tapering, and returns the three joints at the segments' ends.
    /// </summary>
    static Vec3[] Chain(Vec3 start, Vec3 direction, Vec3 normal, double[] flexions, double[] lengths, double radius, List<Capsule> capsules)
    {
        var ends = new Vec3[3];
        Vec3 at = start, f = direction, n = normal;
        double r = radius;
        for (int k = 0; k < 3; k++)
        {
            double c = Math.Cos(flexions[k]), s = Math.Sin(flexions[k]);
            (f, n) = (c * f + s * n, c * n - s * f);
            var next = at + lengths[k] * f;
            capsules.Add(new Capsule(at, next, r, r * 0.88));
            at = next;
            r *= 0.88;
            ends[k] = at;
        }
        return ends;
    }

    static Vec3 Normalize(Vec3 v) => (1 / v.Length) * v;
}
