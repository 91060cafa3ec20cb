namespace SimGan.Data.Eyes;

/// <summary>
/// The appearance of an eyes-rendered image: what a modern eye renderer (UnityEyes, the paper's simulator) draws for
/// the shared scene: skin shaded over the orbit, lid margins with thickness, soft lashes, crease and lid shadow, a
/// sphere-shaded sclera, a fibrous iris with a dark limbus, a soft-edged pupil and corneal glints, with no camera
/// texture or noise. Distributions in docs/data.md.
/// </summary>
/// <param name="Skin">Skin tone before shading.</param>
/// <param name="Sclera">Sclera tone before shading.</param>
/// <param name="Iris">Iris tone before its fibres and limbal ring.</param>
/// <param name="Pupil">Pupil tone.</param>
/// <param name="Light">The key light: shades skin and sclera and makes the first glint.</param>
/// <param name="TextureKey">Seeds every texture (skin, iris fibres, lash strands, brow hairs) through <see cref="PixelHash"/>.</param>
/// <param name="SkinTexture">Amplitude of the skin's smooth relief (value noise), a fraction of the skin tone.</param>
/// <param name="FaceRelief">Amplitude of the face's broad shape around the eye (features of about 14 pixels).</param>
/// <param name="SocketDepth">How much darker the skin is around the eye than at the patch's edges (the orbit).</param>
/// <param name="UnderEyeShadow">Darkening of the band below the lower lid (the orbital rim's hollow).</param>
/// <param name="CornerShade">Darkening of the skin and eyeball towards the eye corners, strongest at the inner one.</param>
/// <param name="NasalSide">−1 when the nose (the inner corner) is on the left of the patch, +1 on the right.</param>
/// <param name="MarginThickness">Visible thickness of the upper lid's margin above the opening, in pixels.</param>
/// <param name="MarginDarkness">How dark that margin is (its underside and the lash roots), as a darkening.</param>
/// <param name="LowerRim">Brightening of the lower lid's wet rim just below the opening.</param>
/// <param name="LimbalRing">Darkening of the iris towards the limbus.</param>
/// <param name="IrisFibres">Amplitude of the iris's radial fibre texture.</param>
/// <param name="IrisGlow">How much brighter the iris's lower part is, where the cornea focuses the light onto it.</param>
/// <param name="PupilSoftness">Width of the pupil's soft edge, as a fraction of the iris radius.</param>
/// <param name="GlintBrightness">Peak of the key light's corneal reflection after the optical blur, above what it lies on (0: none).</param>
/// <param name="GlintSize">Standard deviation of the glints' Gaussian spots before the blur, in pixels (the second's is 0.8 of it).</param>
/// <param name="FillLight">A second, weaker light (a screen or window) that makes the second glint.</param>
/// <param name="FillGlintBrightness">Peak of the second reflection after the blur (0: none).</param>
/// <param name="BlurSigma">The renderer's slight optical blur (a Gaussian), in pixels.</param>
/// <param name="Lids">Lashes, crease and lid shadow: the scene's shared distribution.</param>
/// <param name="Brow">The eyebrow: the scene's shared distribution.</param>
public sealed record RenderedLook(
    float Skin,
    float Sclera,
    float Iris,
    float Pupil,
    LightDirection Light,
    ulong TextureKey,
    float SkinTexture,
    float FaceRelief,
    float SocketDepth,
    float UnderEyeShadow,
    float CornerShade,
    int NasalSide,
    float MarginThickness,
    float MarginDarkness,
    float LowerRim,
    float LimbalRing,
    float IrisFibres,
    float IrisGlow,
    float PupilSoftness,
    float GlintBrightness,
    float GlintSize,
    LightDirection FillLight,
    float FillGlintBrightness,
    float BlurSigma,
    EyeLids Lids,
    EyeBrow Brow)
{
    /// <summary>How often the key light shows a glint where the cornea is.</summary>
    public const double GlintProbability = 0.6;

    /// <summary>How often the fill light shows a second glint.</summary>
    public const double FillGlintProbability = 0.2;

    /// <summary>Draws a look; arguments are evaluated, and so drawn, in the order written.</summary>
    public static RenderedLook Sample(ref SampleRandom random, int height)
    {
        float scale = height / 35f;
        return new RenderedLook(
            Skin: random.Uniform(0.45, 0.75),
            Sclera: random.Uniform(0.56, 0.90),
            Iris: random.Uniform(0.25, 0.55),
            Pupil: random.Uniform(0.01, 0.03),
            Light: LightDirection.Sample(ref random, 35),
            TextureKey: random.NextUInt64(),
            SkinTexture: random.Uniform(0.015, 0.035),
            FaceRelief: random.Uniform(0.04, 0.14),
            SocketDepth: random.Uniform(0.10, 0.28),
            UnderEyeShadow: random.Uniform(0.08, 0.22),
            CornerShade: random.Uniform(0.10, 0.25),
            NasalSide: random.Chance(0.5) ? -1 : 1,
            MarginThickness: random.Uniform(1.0, 1.8) * scale,
            MarginDarkness: random.Uniform(0.50, 0.80),
            LowerRim: random.Uniform(0.02, 0.10),
            LimbalRing: random.Uniform(0.30, 0.55),
            IrisFibres: random.Uniform(0.10, 0.25),
            IrisGlow: random.Uniform(0.05, 0.3),
            PupilSoftness: random.Uniform(0.06, 0.12),
            GlintBrightness: Sometimes(ref random, GlintProbability, 0.3, 0.9),
            GlintSize: random.Uniform(0.25, 0.45) * scale,
            FillLight: LightDirection.Sample(ref random, 30),
            FillGlintBrightness: Sometimes(ref random, FillGlintProbability, 0.2, 0.5),
            BlurSigma: random.Uniform(0.70, 1.10) * scale,
            Lids: EyeLids.Sample(ref random, height),
            Brow: EyeBrow.Sample(ref random, height));
    }

    /// <summary>U(low, high) with the given probability, else 0; draws the same numbers either way, so the draws after
    /// it do not depend on the outcome.</summary>
    static float Sometimes(ref SampleRandom random, double probability, double low, double high)
    {
        bool present = random.Chance(probability);
        float value = random.Uniform(low, high);
        return present ? value : 0f;
    }
}
