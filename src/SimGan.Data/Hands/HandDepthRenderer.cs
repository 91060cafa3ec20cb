namespace SimGan.Data.Hands;

/// <summary>
/// Renders a <see cref="HandPose"/> to exact depth (millimetres, 0 where no surface is) in the crop around its joints,
/// by splatting each capsule as a chain of spheres into a z-buffer: a sphere of radius r centred at depth z covers the
/// pixels within its projected radius, at depth z − √(r² − d²). Spheres half a radius apart leave ripples under 4 % of
/// the radius on a capsule's surface.
/// </summary>
public static class HandDepthRenderer
{
    /// <returns>The crop's side in the camera's pixels (<see cref="DepthCamera.CropAround"/>).</returns>
    public static double Render(HandPose pose, int height, int width, Span<float> depth)
    {
        if (depth.Length != height * width) throw new ArgumentException($"depth holds {depth.Length} values, the image {height * width}");
        depth.Clear();
        var (left, top, size) = DepthCamera.CropAround(pose.Joints);
        double sx = width / size, sy = height / size;
        foreach (var c in pose.Capsules)
        {
            var axis = c.End - c.Start;
            double length = axis.Length, smallest = Math.Min(c.StartRadius, c.EndRadius);
            int steps = Math.Max(1, (int)Math.Ceiling(length / (0.5 * smallest)));
            for (int k = 0; k <= steps; k++)
            {
                double t = (double)k / steps;
                Splat(c.Start + t * axis, c.StartRadius + t * (c.EndRadius - c.StartRadius), left, top, sx, sy, height, width, depth);
            }
        }
        return size;
    }

    static void Splat(Vec3 centre, double radius, double left, double top, double sx, double sy, int height, int width, Span<float> depth)
    {
        if (centre.Z <= radius) return; // behind or at the camera
        var (u, v) = DepthCamera.Project(centre);
        double cx = (u - left) * sx - 0.5, cy = (v - top) * sy - 0.5; // pixel centres at integer coordinates
        double millimetresPerPixel = centre.Z / DepthCamera.Focal / sx;
        double reach = radius / millimetresPerPixel;
        int x0 = Math.Max(0, (int)Math.Floor(cx - reach)), x1 = Math.Min(width - 1, (int)Math.Ceiling(cx + reach));
        int y0 = Math.Max(0, (int)Math.Floor(cy - reach)), y1 = Math.Min(height - 1, (int)Math.Ceiling(cy + reach));
        double r2 = radius * radius;
        for (int y = y0; y <= y1; y++)
        {
            double dy = (y - cy) * millimetresPerPixel;
            for (int x = x0; x <= x1; x++)
            {
                double dx = (x - cx) * millimetresPerPixel, d2 = dx * dx + dy * dy;
                if (d2 >= r2) continue;
                float z = (float)(centre.Z - Math.Sqrt(r2 - d2));
                ref float at = ref depth[y * width + x];
                if (at == 0 || z < at) at = z;
            }
        }
    }
}
