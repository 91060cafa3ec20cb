namespace SimGan.Data.Hands;

/// <summary>The built-in depth hand generators: the same hands, as a renderer gives them or through a depth camera.</summary>
public enum HandDomain
{
    /// <summary>Exact depth, no missing pixels: what NYU's synthetic renders look like.</summary>
    Synthetic,

    /// <summary>The same hands through a structured-light sensor model (<see cref="DepthSensor"/>).</summary>
    Real,
}

public static class HandDomainNames
{
    public const string Synthetic = "hands-synthetic";
    public const string Real = "hands-real";

    public static string Name(this HandDomain domain) => domain == HandDomain.Real ? Real : Synthetic;

    public static HandDomain? Parse(string name) => name switch
    {
        Synthetic => HandDomain.Synthetic,
        Real => HandDomain.Real,
        _ => null,
    };
}
