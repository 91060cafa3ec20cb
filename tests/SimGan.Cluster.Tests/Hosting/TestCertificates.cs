using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SimGan.Cluster.Tests.Hosting;

/// <summary>Certificate authorities and node certificates made in the test, written as a node would be given them.</summary>
public static class TestCertificates
{
    public const string Password = "node-password";

    public static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A node certificate (TLS client and server) issued by <paramref name="authority"/>, with its private key.</summary>
    public static X509Certificate2 Node(X509Certificate2 authority, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the node's PKCS#12 file (with <see cref="Password"/>) and returns its path.</summary>
    public static string WritePfx(string folder, string name, X509Certificate2 node)
    {
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, node.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    /// <summary>Writes the authority's certificate (no key) as PEM and returns its path.</summary>
    public static string WritePem(string folder, string name, X509Certificate2 authority)
    {
        var path = Path.Combine(folder, name + ".pem");
        File.WriteAllText(path, authority.ExportCertificatePem());
        return path;
    }
}
