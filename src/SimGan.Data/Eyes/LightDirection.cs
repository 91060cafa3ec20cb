namespace SimGan.Data.Eyes;

/// <summary>A distant light in the camera frame, on the camera's side of the eye (negative z), as a unit vector.</summary>
public readonly record struct LightDirection(float X, float Y, float Z)
{
    /// <summary>Up to <paramref name="maxTiltDegrees"/> away from the camera axis, in any direction.</summary>
    public static LightDirection Sample(ref SampleRandom random, float maxTiltDegrees)
    {
        float azimuth = random.Uniform(0, 2 * Math.PI);
        float tilt = random.Uniform(0, maxTiltDegrees) * MathF.PI / 180f;
        return new LightDirection(MathF.Sin(tilt) * MathF.Cos(azimuth), MathF.Sin(tilt) * MathF.Sin(azimuth), -MathF.Cos(tilt));
    }

    public float Dot(float x, float y, float z) => X * x + Y * y + Z * z;
}
