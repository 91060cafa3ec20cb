namespace SimGan.Data.Eyes;

/// <summary>
/// What surrounds the lid margins: upper and lower eyelashes, the upper lid's crease, and the shadow the upper lid
/// casts on the eyeball. Part of the scene, so both domains draw them from this one distribution, each in its own
/// look: hard-edged flat bands in the simulator, soft profiles with uneven strands in the camera.
/// </summary>
/// <param name="LashStrength">How much the upper lashes darken the skin at the margin (lower lashes: 0.35 of it).</param>
/// <param name="LashLength">How far above the upper margin the lashes reach, in pixels (lower lashes: half of it).</param>
/// <param name="CreaseDepth">How much the crease darkens the skin on its line.</param>
/// <param name="CreaseGap">How far above the upper margin the crease lies, in pixels.</param>
/// <param name="LidShadow">How much the upper lid's shadow darkens the eyeball just below the margin.</param>
public readonly record struct EyeLids(float LashStrength, float LashLength, float CreaseDepth, float CreaseGap, float LidShadow)
{
    public const float LowerLashShare = 0.35f;

    public static EyeLids Sample(ref SampleRandom random, int height) => new(
        LashStrength: random.Uniform(0.45, 0.85),
        LashLength: random.Uniform(1.5, 3.0) * height / 35f,
        CreaseDepth: random.Uniform(0.10, 0.30),
        CreaseGap: random.Uniform(0.12, 0.22) * height,
        LidShadow: random.Uniform(0.20, 0.45));

    /// <summary>How far the shadow reaches below the margin (its e-folding length), in pixels.</summary>
    public static float ShadowLength(EyeGeometry eye) => 0.1f * eye.Height;

    /// <summary>1 at the middle of the opening, falling to 0 at the corners: lashes and crease thin out towards them.</summary>
    public static float Across(EyeGeometry eye, float x)
    {
        float t = (x - eye.CentreX) / eye.HalfOpeningWidth;
        return MathF.Max(0f, 1f - t * t);
    }
}
