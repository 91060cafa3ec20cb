namespace SimGan.Admin.Contract;

/// <summary>The answer to a mutating call: whether it was done and, in words, what happened.</summary>
public sealed record AdminActionResult(bool Ok, string Message);
