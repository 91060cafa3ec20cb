namespace SimGan.Data.Eyes;

/// <summary>The two built-in eye generators: the same eyes, drawn by a simple renderer or seen by a webcam.</summary>
public enum EyeDomain
{
    Synthetic,
    Real,
}

public static class EyeDomainNames
{
    public const string Synthetic = "eyes-synthetic";
    public const string Real = "eyes-real";

    public static string Name(this EyeDomain domain) => domain == EyeDomain.Synthetic ? Synthetic : Real;
}
