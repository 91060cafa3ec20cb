namespace SimGan.Data.Eyes;

/// <summary>
/// The shape of one eye patch: an eyeball of radius <see cref="EyeballRadius"/> rotated to the gaze, seen
/// orthographically through a lid opening bounded by two curves between the eye corners, drawn from a domain's
/// <see cref="EyeProportions"/>. Every domain maps it to labels the same way, and only its renderer's look differs;
/// eyes-synthetic and eyes-real share one set of proportions, so they differ in appearance alone.
/// Immutable, and a class rather than a record so no `with` copy can carry stale derived values.
/// Coordinates are pixels of the target patch, origin at the top-left corner, y down, pixel (i, j) centred at
/// (j + 0.5, i + 0.5).
/// </summary>
public sealed class EyeGeometry(
    int height,
    int width,
    float pitch,
    float yaw,
    float centreX,
    float centreY,
    float eyeballRadius,
    float irisRadius,
    float pupilRadius,
    float halfOpeningWidth,
    float cornerOffsetY,
    float cornerTilt,
    float upperLidHeight,
    float lowerLidHeight,
    float upperLidSkew)
{
    public int Height { get; } = height;
    public int Width { get; } = width;
    public float Pitch { get; } = pitch;
    public float Yaw { get; } = yaw;
    public float CentreX { get; } = centreX;
    public float CentreY { get; } = centreY;
    public float EyeballRadius { get; } = eyeballRadius;
    public float IrisRadius { get; } = irisRadius;
    public float PupilRadius { get; } = pupilRadius;
    public float HalfOpeningWidth { get; } = halfOpeningWidth;
    public float CornerOffsetY { get; } = cornerOffsetY;
    public float CornerTilt { get; } = cornerTilt;
    public float UpperLidHeight { get; } = upperLidHeight;
    public float LowerLidHeight { get; } = lowerLidHeight;
    public float UpperLidSkew { get; } = upperLidSkew;

    // Derived once: Probe runs for every pixel, and trigonometry there dominated rendering time.
    readonly (float X, float Y, float Z) _gaze = (-MathF.Cos(pitch) * MathF.Sin(yaw), -MathF.Sin(pitch), -MathF.Cos(pitch) * MathF.Cos(yaw));
    readonly float _cornerSlope = MathF.Tan(cornerTilt);
    readonly float _irisCosine = CapCosine(irisRadius, eyeballRadius);
    readonly float _pupilCosine = CapCosine(pupilRadius, eyeballRadius);

    /// <summary>
    /// Draws a geometry from <paramref name="proportions"/> (documented in docs/data.md), in a fixed order whatever
    /// their values, so one stream gives the same look after it under any proportions.
    /// </summary>
    public static EyeGeometry Sample(ref SampleRandom random, int height, int width, EyeProportions proportions)
    {
        var p = proportions;
        float yaw = p.YawDegrees.Draw(ref random) * MathF.PI / 180f;
        float pitch = p.PitchDegrees.Draw(ref random) * MathF.PI / 180f;
        float halfWidth = width * p.HalfOpeningWidth.Draw(ref random);
        float eyeball = halfWidth * p.EyeballRadius.Draw(ref random);
        float iris = eyeball * p.IrisRadius.Draw(ref random);
        float pupil = iris * p.PupilRadius.Draw(ref random);
        float centreX = width * (0.5f + p.CentreX.Draw(ref random));
        float centreY = height * (0.5f + p.CentreY.Draw(ref random));
        float cornerOffset = height * p.CornerOffsetY.Draw(ref random);
        float tilt = p.CornerTilt.Draw(ref random);
        float upperRest = halfWidth * p.UpperLidHeight.Draw(ref random);
        float lowerRest = halfWidth * p.LowerLidHeight.Draw(ref random);
        float skew = p.UpperLidSkew.Draw(ref random);
        float lift = MathF.Sin(pitch) * eyeball;
        // Lids ride with the eyeball (the upper lid follows vertical gaze closely), which is why real eyes narrow
        // when looking down; a floor keeps the opening from inverting at the extremes.
        float upper = MathF.Max(MinLidHeight, upperRest + p.UpperLidFollowsPitch * lift);
        float lower = MathF.Max(MinLidHeight, lowerRest - p.LowerLidFollowsPitch * lift);
        return new EyeGeometry(height, width, pitch, yaw, centreX, centreY, eyeball, iris, pupil, halfWidth,
            cornerOffset, tilt, upper, lower, skew);
    }

    /// <summary>The least a lid margin stands from the corner line, in pixels: the opening never closes or inverts.</summary>
    public const float MinLidHeight = 0.5f;

    /// <summary>Unit gaze vector in the camera frame (x right, y down, z away from the camera), MPIIGaze's convention:
    /// pitch = asin(−y), yaw = atan2(−x, −z).</summary>
    public (float X, float Y, float Z) GazeVector => _gaze;

    /// <summary>Where the gaze axis leaves the eyeball surface, projected: the pupil centre label.</summary>
    public (float X, float Y) PupilCentre
    {
        get
        {
            var g = GazeVector;
            return (CentreX + EyeballRadius * g.X, CentreY + EyeballRadius * g.Y);
        }
    }

    /// <summary>Height of the line through the two eye corners at <paramref name="x"/>.</summary>
    float CornerLineY(float x) => CentreY + CornerOffsetY + _cornerSlope * (x - CentreX);

    /// <summary>Upper lid margin at <paramref name="x"/>, or NaN outside the corners.</summary>
    public float UpperLidY(float x) => UpperLidAt((x - CentreX) / HalfOpeningWidth);

    /// <summary>Lower lid margin at <paramref name="x"/>, or NaN outside the corners.</summary>
    public float LowerLidY(float x) => LowerLidAt((x - CentreX) / HalfOpeningWidth);

    /// <summary>Upper lid margin at t ∈ [−1, 1] across the opening (corner to corner).</summary>
    float UpperLidAt(float t) => t is < -1f or > 1f
        ? float.NaN
        : CornerLineY(CentreX + t * HalfOpeningWidth) - UpperLidHeight * (1f - t * t) * (1f + UpperLidSkew * t);

    float LowerLidAt(float t) => t is < -1f or > 1f
        ? float.NaN
        : CornerLineY(CentreX + t * HalfOpeningWidth) + LowerLidHeight * (1f - t * t);

    /// <summary>
    /// Traces the point (x, y): skin unless it lies between the lid margins; there, the eyeball if its silhouette covers
    /// the point, and on the eyeball the iris and pupil are the caps within fixed angles of the gaze axis, so rotation
    /// foreshortens them and the lids cut them exactly where they cross.
    /// </summary>
    public EyeSurface Probe(float x, float y)
    {
        float upper = UpperLidY(x);
        if (float.IsNaN(upper))
            return new EyeSurface(EyeRegion.Skin, 0, 0, 0, -1, float.NegativeInfinity, float.NegativeInfinity, 0);
        float lower = LowerLidY(x);
        float belowUpper = y - upper, aboveLower = lower - y;
        if (belowUpper < 0 || aboveLower < 0)
            return new EyeSurface(EyeRegion.Skin, 0, 0, 0, -1, belowUpper, aboveLower, 0);

        float dx = x - CentreX, dy = y - CentreY;
        float r2 = EyeballRadius * EyeballRadius - dx * dx - dy * dy;
        if (r2 <= 0) return new EyeSurface(EyeRegion.Corner, 0, 0, 0, -1, belowUpper, aboveLower, 0);

        float inv = 1f / EyeballRadius;
        float nx = dx * inv, ny = dy * inv, nz = -MathF.Sqrt(r2) * inv;
        var g = _gaze;
        float cosine = nx * g.X + ny * g.Y + nz * g.Z;
        var region = cosine >= _pupilCosine ? EyeRegion.Pupil : cosine >= _irisCosine ? EyeRegion.Iris : EyeRegion.Sclera;
        float angle = region == EyeRegion.Sclera ? 0f : IrisPolarAngle(nx, ny, nz, g);
        return new EyeSurface(region, nx, ny, nz, cosine, belowUpper, aboveLower, angle);
    }

    /// <summary>Cosine of the half-angle of a spherical cap whose rim has chord radius <paramref name="radius"/>.</summary>
    public float CapCosine(float radius) => CapCosine(radius, EyeballRadius);

    /// <summary>Cosine of the iris cap's half-angle: 1 − its value spans the iris from centre to limbus.</summary>
    public float IrisCapCosine => _irisCosine;

    static float CapCosine(float radius, float eyeball)
    {
        float s = MathF.Min(1f, radius / eyeball);
        return MathF.Sqrt(1f - s * s);
    }

    static float IrisPolarAngle(float nx, float ny, float nz, (float X, float Y, float Z) g)
    {
        // A frame on the iris plane: u from the camera's x axis made orthogonal to the gaze, v = g × u.
        float ux = 1f - g.X * g.X, uy = -g.X * g.Y, uz = -g.X * g.Z;
        float vx = g.Y * uz - g.Z * uy, vy = g.Z * ux - g.X * uz, vz = g.X * uy - g.Y * ux;
        return MathF.Atan2(nx * vx + ny * vy + nz * vz, nx * ux + ny * uy + nz * uz);
    }

    /// <summary>Points on the iris rim (limbus), projected, whether or not a lid covers them (as UnityEyes gives them).</summary>
    public (float X, float Y)[] IrisContour(int points)
    {
        var g = GazeVector;
        float depth = EyeballRadius * CapCosine(IrisRadius);
        // Two unit vectors spanning the iris plane.
        float ux = 1f - g.X * g.X, uy = -g.X * g.Y, uz = -g.X * g.Z;
        float norm = MathF.Sqrt(ux * ux + uy * uy + uz * uz);
        ux /= norm; uy /= norm; uz /= norm;
        float vx = g.Y * uz - g.Z * uy, vy = g.Z * ux - g.X * uz;
        var contour = new (float, float)[points];
        for (int i = 0; i < points; i++)
        {
            float a = 2f * MathF.PI * i / points;
            float c = MathF.Cos(a) * IrisRadius, s = MathF.Sin(a) * IrisRadius;
            contour[i] = (CentreX + depth * g.X + c * ux + s * vx, CentreY + depth * g.Y + c * uy + s * vy);
        }
        return contour;
    }

    /// <summary>
    /// The lid margins as one closed polygon, UnityEyes' "interior margin": from the outer corner along the upper lid,
    /// then back along the lower lid.
    /// </summary>
    public (float X, float Y)[] InteriorMargin(int pointsPerLid)
    {
        var margin = new (float, float)[2 * pointsPerLid];
        for (int i = 0; i < pointsPerLid; i++)
        {
            // Parametrised by t rather than x, so the corners (t = ±1) never fall outside by rounding.
            float t = -1f + 2f * i / pointsPerLid;
            margin[i] = (CentreX + t * HalfOpeningWidth, UpperLidAt(t));
            margin[pointsPerLid + i] = (CentreX - t * HalfOpeningWidth, LowerLidAt(-t));
        }
        return margin;
    }
}
