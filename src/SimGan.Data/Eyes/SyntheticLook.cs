namespace SimGan.Data.Eyes;

/// <summary>
/// The appearance of an eyes-synthetic image: a handful of flat tones and one light, the way a simple renderer
/// shows an eye. Distributions in docs/data.md.
/// </summary>
public sealed record SyntheticLook(float Skin, float Sclera, float Iris, float Pupil, LightDirection Light)
{
    public static SyntheticLook Sample(ref SampleRandom random) => new(
        Skin: random.Uniform(0.45, 0.75),
        Sclera: random.Uniform(0.78, 0.92),
        Iris: random.Uniform(0.20, 0.45),
        Pupil: random.Uniform(0.03, 0.10),
        Light: LightDirection.Sample(ref random, 40));
}
