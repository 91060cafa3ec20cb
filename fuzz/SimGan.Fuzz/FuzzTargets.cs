using SimGan.Fuzz.Targets;

namespace SimGan.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } =
        ["image", "mat", "hdf5", "labels", "unityeyes", "checkpoint", "wire", "admin-body"];

    /// <summary>Makes the named target; some hold an actor system or temporary files, so callers dispose it.</summary>
    public static FuzzTarget Create(string name) => name switch
    {
        "image" => new ImageTarget(),
        "mat" => new MatTarget(),
        "hdf5" => new Hdf5Target(),
        "labels" => new LabelsTarget(),
        "unityeyes" => new UnityEyesTarget(),
        "checkpoint" => new CheckpointTarget(),
        "wire" => new WireTarget(),
        "admin-body" => new AdminBodyTarget(),
        _ => throw new ArgumentException($"no fuzz target '{name}'; the targets are {string.Join(", ", Names)}"),
    };
}
