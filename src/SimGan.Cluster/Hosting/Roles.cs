namespace SimGan.Cluster.Hosting;

/// <summary>
/// The cluster roles a node can take. The coordinator runs the training loop (the driver, `simgan train`, alone);
/// refiner and discriminator nodes compute slices of R's and D's steps; buffer nodes hold history shards; the feeder
/// serves data.
/// </summary>
public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Refiner = "refiner";
    public const string Discriminator = "discriminator";
    public const string Buffer = "buffer";
    public const string Feeder = "feeder";

    public static readonly IReadOnlyList<string> All = [Coordinator, Refiner, Discriminator, Buffer, Feeder];

    /// <summary>The roles whose nodes compute slices: the workers `--workers N` counts.</summary>
    public static bool Computes(IEnumerable<string> roles) => roles.Any(r => r is Refiner or Discriminator);

    /// <summary>Parses "a,b,c"; an unknown or repeated role is an error naming the valid ones.</summary>
    public static string[] Parse(string list)
    {
        var roles = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (roles.Length == 0) throw new ArgumentException("no roles given; choose from " + string.Join(", ", All));
        foreach (var role in roles)
            if (!All.Contains(role)) throw new ArgumentException($"unknown role '{role}'; choose from {string.Join(", ", All)}");
        if (roles.Distinct().Count() != roles.Length) throw new ArgumentException($"a role is repeated in '{list}'");
        return roles;
    }
}
