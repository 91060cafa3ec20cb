namespace SimGan.Data.Eyes;

/// <summary>
/// The appearance of an eyes-real image: what a webcam adds to the same eye. Every effect is local (it can be seen
/// and imitated within a ~20-pixel window), so a small convolutional refiner can learn it; none moves the eye.
/// Distributions in docs/data.md.
/// </summary>
public sealed record CameraLook(
    float Skin,
    float Sclera,
    float Iris,
    float Pupil,
    LightDirection Light,
    ulong TextureKey,
    float SkinTexture,
    float PoreDensity,
    float LashStrength,
    float LashLength,
    float LidShadow,
    float CreaseDepth,
    float CreaseGap,
    float LimbalRing,
    float IrisTexture,
    float GlintBrightness,
    float BrowDarkness,
    float BrowY,
    float BlurSigma,
    float NoiseSigma,
    float Vignetting)
{
    public static CameraLook Sample(ref SampleRandom random, int height)
    {
        ulong key = random.NextUInt64();
        bool brow = random.Chance(0.3);
        bool glint = random.Chance(0.8);
        return new CameraLook(
            Skin: random.Uniform(0.40, 0.75),
            Sclera: random.Uniform(0.62, 0.85),
            Iris: random.Uniform(0.15, 0.40),
            Pupil: random.Uniform(0.01, 0.05),
            Light: LightDirection.Sample(ref random, 50),
            TextureKey: key,
            SkinTexture: random.Uniform(0.02, 0.06),
            PoreDensity: random.Uniform(0.0, 0.02),
            LashStrength: random.Uniform(0.45, 0.85),
            LashLength: random.Uniform(1.5, 3.0) * height / 35f,
            LidShadow: random.Uniform(0.20, 0.45),
            CreaseDepth: random.Uniform(0.10, 0.30),
            CreaseGap: random.Uniform(0.12, 0.22) * height,
            LimbalRing: random.Uniform(0.25, 0.55),
            IrisTexture: random.Uniform(0.15, 0.35),
            GlintBrightness: glint ? random.Uniform(0.4, 0.9) : 0f,
            BrowDarkness: brow ? random.Uniform(0.25, 0.55) : 0f,
            BrowY: random.Uniform(0.04, 0.16) * height,
            BlurSigma: random.Uniform(0.5, 1.1) * height / 35f,
            NoiseSigma: random.Uniform(0.003, 0.010),
            Vignetting: random.Uniform(0.05, 0.30));
    }
}
