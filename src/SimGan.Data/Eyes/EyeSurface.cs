namespace SimGan.Data.Eyes;

/// <summary>
/// What the geometry says about one point of the image; renderers turn it into a brightness.
/// </summary>
/// <param name="Region">The surface seen at the point.</param>
/// <param name="NormalX">Eyeball surface normal (towards the camera is negative z); zero off the eyeball.</param>
/// <param name="NormalY">See <paramref name="NormalX"/>.</param>
/// <param name="NormalZ">See <paramref name="NormalX"/>.</param>
/// <param name="GazeCosine">Cosine of the angle between the surface point and the gaze axis (1 at the pupil centre).</param>
/// <param name="BelowUpperLid">Pixels below the upper lid margin (negative above it; −∞ beyond the eye corners).</param>
/// <param name="AboveLowerLid">Pixels above the lower lid margin (negative below it; −∞ beyond the eye corners).</param>
/// <param name="IrisAngle">Polar angle around the gaze axis, for radial iris texture.</param>
public readonly record struct EyeSurface(
    EyeRegion Region,
    float NormalX,
    float NormalY,
    float NormalZ,
    float GazeCosine,
    float BelowUpperLid,
    float AboveLowerLid,
    float IrisAngle);
