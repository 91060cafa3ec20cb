using System.Security.Cryptography;
using System.Text;

namespace SimGan.Admin.Server;

/// <summary>Checks an <c>Authorization</c> header against the configured token without leaking, by timing, how much of it matched.</summary>
public sealed class BearerToken(string? expected)
{
    // Hashing first makes both sides the same length, so the comparison time says nothing about the token's length either.
    private readonly byte[]? _expectedHash = string.IsNullOrEmpty(expected) ? null : Hash(expected);

    /// <summary>True when no token is configured (loopback-only, see <see cref="TokenPolicy"/>) or the header carries it.</summary>
    public bool Accepts(string? authorizationHeader)
    {
        if (_expectedHash is null) return true;
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = Hash(authorizationHeader[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _expectedHash);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
