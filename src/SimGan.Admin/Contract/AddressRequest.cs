namespace SimGan.Admin.Contract;

/// <summary>Body of <c>POST /api/cluster/leave</c> and <c>/api/cluster/down</c>.</summary>
public sealed record AddressRequest(string Address);
