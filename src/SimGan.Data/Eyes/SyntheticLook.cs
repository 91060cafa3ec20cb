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
    float Grain)
{
    public static SyntheticLook Sample(ref SampleRandom random)
    {
        // The tones are drawn first, in the order of the untextured simulator, so adding the texture changed no tone.
        float skin = random.Uniform(0.45, 0.75), sclera = random.Uniform(0.78, 0.92);
        float iris = random.Uniform(0.20, 0.45), pupil = random.Uniform(0.03, 0.10);
        var light = LightDirection.Sample(ref random, 40);
        return new SyntheticLook(skin, sclera, iris, pupil, light,
            TextureKey: random.NextUInt64(),
            SkinTexture: random.Uniform(0.02, 0.05),
            Grain: random.Uniform(0.01, 0.03));
    }
}
