using SimGan.Data.Eyes;

namespace SimGan.Data.Hands;

/// <summary>
/// A structured-light depth camera (Kinect v1, NYU's sensor) applied to exact depth in millimetres, 0 meaning no
/// reading. In the order the physics happens: other surfaces in the scene (clutter), multipath brightening near
/// concave edges, the projector's shadow beside each silhouette and drop-outs along it, no reading on surfaces too
/// steep to return the pattern, disparity noise growing with the square of depth, disparity quantised to 1/8 px,
/// and a few holes.
/// </summary>
public static class DepthSensor
{
    // Kinect v1: focal length ~588 px, projector–camera baseline 75 mm, disparity resolved to 1/8 px.
    const double Baseline = 75, SubPixel = 8;

    public static void Apply(Span<float> depth, int height, int width, double millimetresPerPixel, ref SampleRandom random)
    {
        AddClutter(depth, height, width, ref random);
        var exact = depth.ToArray();
        double edgeJump = 25;                        // mm between neighbours that counts as a silhouette
        int shadow = random.Chance(0.5) ? 1 : 2;     // the projector sits to one side: its shadow falls on that side of edges
        double dropout = random.Uniform(0.25, 0.6);  // readings lost along silhouettes
        double noise = random.Uniform(0.8, 1.6);     // disparity noise, in 1/8 px
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int i = y * width + x;
            float z = exact[i];
            if (z == 0) continue;
            float left = x > 0 ? exact[i - 1] : 0, right = x < width - 1 ? exact[i + 1] : 0;
            float up = y > 0 ? exact[i - width] : 0, down = y < height - 1 ? exact[i + width] : 0;
            // Beside a nearer surface on the projector's side no pattern arrives: the shadow.
            bool shadowed = false;
            for (int k = 1; k <= shadow && x - k >= 0; k++)
                if (exact[i - k] != 0 && exact[i - k] < z - edgeJump) shadowed = true;
            bool silhouette = Jump(z, left, edgeJump) || Jump(z, right, edgeJump) || Jump(z, up, edgeJump) || Jump(z, down, edgeJump);
            double slopeX = Slope(left, right, millimetresPerPixel), slopeY = Slope(up, down, millimetresPerPixel);
            bool steep = slopeX * slopeX + slopeY * slopeY > 2.75 * 2.75; // steeper than ~70° from facing the camera
            if (shadowed || steep || (silhouette && random.Chance(dropout)))
            {
                depth[i] = 0;
                continue;
            }
            double reading = z;
            if (silhouette && Nearer(z, left, right, up, down)) reading += random.Uniform(0, 8); // multipath off the nearer surface
            double disparity = DepthCamera.Focal * Baseline / reading;
            disparity += noise / SubPixel * random.Normal();
            disparity = Math.Round(disparity * SubPixel) / SubPixel;
            depth[i] = (float)(DepthCamera.Focal * Baseline / disparity);
        }
        Holes(depth, height, width, ref random);
    }

    static bool Jump(float z, float neighbour, double threshold) => neighbour == 0 || Math.Abs(neighbour - z) > threshold;

    static bool Nearer(float z, float a, float b, float c, float d) => IsNearer(z, a) || IsNearer(z, b) || IsNearer(z, c) || IsNearer(z, d);

    static bool IsNearer(float z, float neighbour) => neighbour != 0 && neighbour < z - 10;

    static double Slope(float a, float b, double millimetresPerPixel) =>
        a == 0 || b == 0 ? 0 : Math.Abs(b - a) / (2 * millimetresPerPixel);

    /// <summary>With even odds, a surface reaching in from a border behind the hand (the other arm, a table edge).</summary>
    static void AddClutter(Span<float> depth, int height, int width, ref SampleRandom random)
    {
        if (!random.Chance(0.5)) return;
        float nearest = float.MaxValue, farthest = 0;
        foreach (float z in depth)
            if (z > 0) { nearest = Math.Min(nearest, z); farthest = Math.Max(farthest, z); }
        if (farthest == 0) return;
        double z0 = farthest + random.Uniform(20, 140);
        int side = (int)(random.NextDouble() * 4);
        double reach = random.Uniform(0.08, 0.25), tilt = random.Uniform(-0.5, 0.5), along = random.Uniform(0.2, 0.8);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double a = side switch { 0 => (double)x / width, 1 => 1 - (double)x / width, 2 => (double)y / height, _ => 1 - (double)y / height };
            double b = side < 2 ? (double)y / height : (double)x / width;
            if (a > reach + tilt * (b - along) * reach) continue;
            int i = y * width + x;
            if (depth[i] == 0) depth[i] = (float)(z0 + 30 * (b - along));
        }
    }

    static void Holes(Span<float> depth, int height, int width, ref SampleRandom random)
    {
        int count = (int)(random.NextDouble() * 4);
        for (int h = 0; h < count; h++)
        {
            double cx = random.NextDouble() * width, cy = random.NextDouble() * height;
            double rx = random.Uniform(0.6, 2.2), ry = random.Uniform(0.6, 2.2);
            for (int y = Math.Max(0, (int)(cy - ry)); y <= Math.Min(height - 1, (int)(cy + ry)); y++)
            for (int x = Math.Max(0, (int)(cx - rx)); x <= Math.Min(width - 1, (int)(cx + rx)); x++)
                if ((x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry) <= 1) depth[y * width + x] = 0;
        }
    }
}
