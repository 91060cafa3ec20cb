namespace SimGan.Data.Eyes;

/// <summary>
/// The built-in eye generators: the same eyes, drawn by a simple renderer, seen by a webcam, or drawn by a modern
/// renderer.
/// </summary>
public enum EyeDomain
{
    Synthetic,
    Real,
    Rendered,
}

public static class EyeDomainNames
{
    public const string Synthetic = "eyes-synthetic";
    public const string Real = "eyes-real";
    public const string Rendered = "eyes-rendered";

    /// <summary>Every built-in domain's name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Synthetic, Real, Rendered];

    public static string Name(this EyeDomain domain) => domain switch
    {
        EyeDomain.Synthetic => Synthetic,
        EyeDomain.Real => Real,
        EyeDomain.Rendered => Rendered,
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "not an eye domain"),
    };

    /// <summary>The domain a name stands for, or null when it names none.</summary>
    public static EyeDomain? Parse(string name) => name switch
    {
        Synthetic => EyeDomain.Synthetic,
        Real => EyeDomain.Real,
        Rendered => EyeDomain.Rendered,
        _ => null,
    };

}
