namespace SimGan.Data.Hands;

/// <summary>
/// NYU's depth camera (a Kinect: 640×480, focal length about 588 px) and its preprocessing for hand pose: a square crop
/// around the joints, 1.3 times their extent, resized to the output size; depth in millimetres.
/// </summary>
public static class DepthCamera
{
    public const double Focal = 588.0;
    public const double CentreU = 320.0, CentreV = 240.0;
    public const double CropOverJointExtent = 1.3;

    public static (double U, double V) Project(Vec3 p) => (Focal * p.X / p.Z + CentreU, Focal * p.Y / p.Z + CentreV);

    /// <summary>The crop in full-image pixels: left, top and side, as <c>nyu-hand:</c> crops real frames.</summary>
    public static (double Left, double Top, double Size) CropAround(IReadOnlyList<Vec3> joints)
    {
        double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
        foreach (var j in joints)
        {
            var (u, v) = Project(j);
            minU = Math.Min(minU, u); maxU = Math.Max(maxU, u); minV = Math.Min(minV, v); maxV = Math.Max(maxV, v);
        }
        double size = Math.Max(16, CropOverJointExtent * Math.Max(maxU - minU, maxV - minV));
        return ((minU + maxU - size) / 2, (minV + maxV - size) / 2, size);
    }
}
