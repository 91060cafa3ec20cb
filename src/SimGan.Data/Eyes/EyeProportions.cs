namespace SimGan.Data.Eyes;

/// <summary>
/// The distribution an <see cref="EyeGeometry"/> is drawn from: the gaze's range and the eye's proportions in the
/// patch. Sizes are shares of something the patch already fixes, so 35×55 and 36×60 patches show the same eye.
/// A domain's proportions are part of its scene, so its labels describe them exactly; a refiner, held close to its
/// input, cannot change them, which is why a simulator meant to be refined into photographs must draw the
/// photographs' proportions itself.
/// </summary>
/// <param name="YawDegrees">Horizontal gaze angle, degrees (positive: the pupil moves left in the patch).</param>
/// <param name="PitchDegrees">Vertical gaze angle, degrees (positive: up).</param>
/// <param name="HalfOpeningWidth">Half the corner-to-corner width of the lid opening, as a share of the patch width.</param>
/// <param name="EyeballRadius">Eyeball radius as a share of the half opening width.</param>
/// <param name="IrisRadius">Iris (limbus) radius as a share of the eyeball radius.</param>
/// <param name="PupilRadius">Pupil radius as a share of the iris radius.</param>
/// <param name="CentreX">The eyeball centre's offset from the patch centre, as a share of the patch width.</param>
/// <param name="CentreY">The eyeball centre's offset from the patch centre, as a share of the patch height.</param>
/// <param name="CornerOffsetY">How far the line through the corners lies below the eyeball centre, as a share of the patch height.</param>
/// <param name="CornerTilt">The tilt of that line, radians.</param>
/// <param name="UpperLidHeight">The upper lid's rise above the corner line at rest (level gaze), as a share of the half opening width.</param>
/// <param name="LowerLidHeight">The lower lid's drop below the corner line at rest, as a share of the half opening width.</param>
/// <param name="UpperLidSkew">How much higher the upper lid's peak stands towards one side (see <see cref="EyeGeometry.UpperLidSkew"/>).</param>
/// <param name="UpperLidFollowsPitch">How far the upper lid follows vertical gaze, in eyeball radii per unit sin(pitch).</param>
/// <param name="LowerLidFollowsPitch">How far the lower lid follows vertical gaze, in eyeball radii per unit sin(pitch).</param>
public sealed record EyeProportions(
    UniformRange YawDegrees,
    UniformRange PitchDegrees,
    UniformRange HalfOpeningWidth,
    UniformRange EyeballRadius,
    UniformRange IrisRadius,
    UniformRange PupilRadius,
    UniformRange CentreX,
    UniformRange CentreY,
    UniformRange CornerOffsetY,
    UniformRange CornerTilt,
    UniformRange UpperLidHeight,
    UniformRange LowerLidHeight,
    UniformRange UpperLidSkew,
    float UpperLidFollowsPitch,
    float LowerLidFollowsPitch)
{
    /// <summary>
    /// eyes-synthetic's and eyes-real's: a wide gaze range and an open, centred eye with a small iris, as a simulator
    /// for gaze estimation would draw them. The demo's documented figures rest on these; they do not change.
    /// </summary>
    public static EyeProportions Default { get; } = new(
        YawDegrees: new(-40, 40),
        PitchDegrees: new(-30, 30),
        HalfOpeningWidth: new(0.34, 0.40),
        EyeballRadius: new(0.78, 0.88),
        IrisRadius: new(0.42, 0.48),
        PupilRadius: new(0.30, 0.50),
        CentreX: new(-0.04, 0.04),
        CentreY: new(-0.05, 0.05),
        CornerOffsetY: new(-0.03, 0.05),
        CornerTilt: new(-0.08, 0.08),
        UpperLidHeight: new(0.30, 0.46),
        LowerLidHeight: new(0.22, 0.36),
        UpperLidSkew: new(-0.2, 0.2),
        UpperLidFollowsPitch: 0.45f,
        LowerLidFollowsPitch: 0.30f);

    /// <summary>
    /// eyes-rendered's: MPIIGaze's webcam patches, where the iris is large (about a third of the patch across) and
    /// usually partly under the upper lid, and the gaze stays near the camera and mostly below it (the screen is below
    /// the webcam). Tuned against the photographs with a kernel distance and a realism judge (docs/data.md).
    /// </summary>
    public static EyeProportions Photographic { get; } = new(
        YawDegrees: new(-20, 20),
        PitchDegrees: new(-20, 5),
        HalfOpeningWidth: new(0.33, 0.39),
        EyeballRadius: new(0.80, 0.90),
        IrisRadius: new(0.50, 0.58),
        PupilRadius: new(0.30, 0.45),
        CentreX: new(-0.04, 0.04),
        CentreY: new(-0.05, 0.05),
        CornerOffsetY: new(-0.03, 0.05),
        CornerTilt: new(-0.08, 0.08),
        UpperLidHeight: new(0.28, 0.42),
        LowerLidHeight: new(0.18, 0.30),
        UpperLidSkew: new(-0.2, 0.2),
        UpperLidFollowsPitch: 0.45f,
        LowerLidFollowsPitch: 0.30f);

    /// <summary>The proportions a built-in domain draws its eyes with.</summary>
    public static EyeProportions For(EyeDomain domain) => domain == EyeDomain.Rendered ? Photographic : Default;
}
