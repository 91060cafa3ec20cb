namespace SimGan.Data.Eyes;

/// <summary>
/// The appearance of an eyes-synthetic image: flat tones and one light, a tiling skin texture map and the grain of a
/// renderer that takes few samples per pixel, the way a game-engine eye simulator (UnityEyes) shows an eye.
/// Distributions in docs/data.md.
/// </summary>
public sealed record SyntheticLook(
    float Skin,
    float Sclera,
    float Iris,
    float Pupil,
    LightDirection Light,
    ulong TextureKey,
    float SkinTexture,
    float Grain,
    EyeBrow Brow,
    EyeLids Lids)
{
    public static SyntheticLook Sample(ref SampleRandom random, int height)
    {
        // Drawn in the order the features were added (tones, texture and grain, the brow, the lids), so that adding one
        // changed none of the others.
        float skin = random.Uniform(0.45, 0.75), sclera = random.Uniform(0.78, 0.92);
        float iris = random.Uniform(0.20, 0.45), pupil = random.Uniform(0.03, 0.10);
        var light = LightDirection.Sample(ref random, 40);
        return new SyntheticLook(skin, sclera, iris, pupil, light,
            TextureKey: random.NextUInt64(),
            SkinTexture: random.Uniform(0.02, 0.05),
            Grain: random.Uniform(0.01, 0.03),
            Brow: EyeBrow.Sample(ref random, height),
            Lids: EyeLids.Sample(ref random, height));
    }
}
