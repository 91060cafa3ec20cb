namespace SimGan.Data.Eyes;

/// <summary>A closed interval that a quantity of the scene is drawn from uniformly.</summary>
public readonly record struct UniformRange(double Low, double High)
{
    /// <summary>One draw, consuming exactly one number of the stream whatever the range.</summary>
    public float Draw(ref SampleRandom random) => random.Uniform(Low, High);

    public bool Contains(double value) => value >= Low && value <= High;

    public override string ToString() => $"U({Low}, {High})";
}
