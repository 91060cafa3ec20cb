namespace SimGan.Admin.Contract;

/// <summary>Every non-2xx answer of the admin API: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorBody(string Error);
