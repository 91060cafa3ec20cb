namespace SimGan.Data.Eyes;

/// <summary>
/// An eyebrow entering the top of the patch: a band above a line that curves down towards the patch's sides. Both
/// domains draw it with the same probability and placement, each in its own look, because it is part of the scene
/// (MPIIGaze's patches and UnityEyes' renders both show one at times), not of the camera.
/// </summary>
public readonly record struct EyeBrow(float Darkness, float LineY)
{
    public const double Probability = 0.3;

    public static EyeBrow None => default;

    public bool IsPresent => Darkness > 0;

    public static EyeBrow Sample(ref SampleRandom random, int height)
    {
        bool present = random.Chance(Probability);
        float darkness = random.Uniform(0.25, 0.55), line = random.Uniform(0.04, 0.16) * height;
        return present ? new EyeBrow(darkness, line) : None;
    }

    /// <summary>How far below the brow's lower edge the point (x, y) is, in pixels (negative: inside the brow).</summary>
    public float DistanceBelow(EyeGeometry eye, float x, float y)
    {
        float u = (x - eye.CentreX) / (0.5f * eye.Width);
        return y - (LineY + 0.08f * eye.Height * u * u);
    }
}
