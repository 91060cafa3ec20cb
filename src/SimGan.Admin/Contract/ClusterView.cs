namespace SimGan.Admin.Contract;

/// <param name="Status">Akka's member status name: Joining, Up, Leaving, Exiting, Down, Removed or WeaklyUp.</param>
public sealed record MemberView(string Address, string[] Roles, string Status, bool Reachable, int UpNumber);

/// <summary>The cluster as the serving node sees it.</summary>
/// <param name="OldestByRole">Role to the address of its oldest member: where that role's singletons live.</param>
public sealed record ClusterView(
    string SelfAddress,
    string? Leader,
    MemberView[] Members,
    IReadOnlyDictionary<string, string> OldestByRole);
