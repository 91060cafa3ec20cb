using SimGan.Fuzz.Targets;

namespace SimGan.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } =
        ["image", "mat", "hdf5", "labels", "unityeyes", "checkpoint", "wire", "admin-body"];

    /// <summary>
    /// Targets whose parser can loop for ever: afl-fuzz runs them through SharpFuzz's out-of-process fork server, which
    /// restarts the .NET process an endless input leaves behind, instead of the faster in-process one, which cannot.
    /// </summary>
    public static bool CanHang(string name) => name == "hdf5";

    /// <summary>
    /// Makes the named target; some hold temporary files, so callers dispose it. Under afl-fuzz, loops are left for
    /// afl-fuzz to time out (and report as hangs); elsewhere the target's own limits turn them into refusals.
    /// </summary>
    public static FuzzTarget Create(string name, bool underAfl = false) => name switch
    {
        "image" => new ImageTarget(),
        "mat" => new MatTarget(),
        "hdf5" => new Hdf5Target(underAfl ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(2)),
        "labels" => new LabelsTarget(),
        "unityeyes" => new UnityEyesTarget(),
        "checkpoint" => new CheckpointTarget(),
        "wire" => new WireTarget(),
        "admin-body" => new AdminBodyTarget(),
        _ => throw new ArgumentException($"no fuzz target '{name}'; the targets are {string.Join(", ", Names)}"),
    };
}
