namespace SimGan.Admin.Client;

/// <summary>A failed admin call, with a message fit to show an operator as it is.</summary>
/// <param name="statusCode">The HTTP status, or null when no answer came (unreachable node, timeout).</param>
public sealed class AdminClientException(string message, int? statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    /// <summary>The caller can fix it (wrong node, wrong token, bad address) rather than the cluster having failed.</summary>
    public bool IsCallerProblem => StatusCode is null or (>= 400 and < 500);
}
