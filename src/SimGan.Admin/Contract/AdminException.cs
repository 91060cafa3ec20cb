namespace SimGan.Admin.Contract;

/// <summary>
/// A request the cluster refuses for a reason the caller can fix (unknown address: 404, nothing to pause: 409).
/// The server answers with <paramref name="statusCode"/> and the message as a JSON error.
/// </summary>
public sealed class AdminException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
