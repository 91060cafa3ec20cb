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
    EyeLids Lids,
    float LimbalRing,
    float IrisTexture,
    float GlintBrightness,
    EyeBrow Brow,
    float BlurSigma,
    float NoiseSigma)
{
    public static CameraLook Sample(ref SampleRandom random, int height)
    {
        ulong key = random.NextUInt64();
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
            Lids: EyeLids.Sample(ref random, height),
            LimbalRing: random.Uniform(0.25, 0.55),
            IrisTexture: random.Uniform(0.15, 0.35),
            GlintBrightness: glint ? random.Uniform(0.4, 0.9) : 0f,
            Brow: EyeBrow.Sample(ref random, height),
            BlurSigma: random.Uniform(0.5, 1.1) * height / 35f,
            NoiseSigma: random.Uniform(0.003, 0.010));
    }
}
