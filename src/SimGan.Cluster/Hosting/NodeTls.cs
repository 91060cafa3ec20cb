using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SimGan.Cluster.Hosting;

/// <summary>
/// Mutual TLS between nodes: this node's certificate, with its private key, and the one authority whose certificates
/// it accepts from peers. Both sides of every remoting connection present a certificate, and each accepts the other's
/// only if it chains to <see cref="Authority"/>: a process without a certificate from that authority can neither join
/// the cluster nor be joined. Host names are not checked, because pods come and go under addresses no certificate
/// names in advance; the authority is the boundary.
/// </summary>
public sealed class NodeTls
{
    private NodeTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>
    /// Reads a PKCS#12 file holding the node's certificate and key, and the authority's certificate in PEM. Throws
    /// <see cref="ArgumentException"/> with one line saying what is wrong: a missing or unreadable file, a wrong
    /// password, no private key, or a node certificate the authority did not issue.
    /// </summary>
    public static NodeTls Load(string pfxPath, string authorityPath, string? password)
    {
        if (!File.Exists(pfxPath)) throw new ArgumentException($"--tls-pfx {pfxPath}: no such file");
        if (!File.Exists(authorityPath)) throw new ArgumentException($"--tls-ca {authorityPath}: no such file");
        X509Certificate2 certificate;
        try { certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password, X509KeyStorageFlags.EphemeralKeySet); }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"--tls-pfx {pfxPath} cannot be read as PKCS#12 with the password in SIMGAN_TLS_PASSWORD ({ex.Message.TrimEnd('.')})");
        }
        if (!certificate.HasPrivateKey) throw new ArgumentException($"--tls-pfx {pfxPath} holds a certificate but not its private key");
        X509Certificate2 authority;
        try { authority = X509Certificate2.CreateFromPem(File.ReadAllText(authorityPath)); }
        catch (CryptographicException ex) { throw new ArgumentException($"--tls-ca {authorityPath} is not a PEM certificate ({ex.Message.TrimEnd('.')})"); }
        var tls = new NodeTls(certificate, authority);
        if (!tls.Trusts(certificate))
            throw new ArgumentException($"the certificate in --tls-pfx {pfxPath} ({certificate.Subject}) is not issued by the --tls-ca authority " +
                                        $"({authority.Subject}), or it has expired: other nodes would refuse it");
        return tls;
    }

    /// <summary>Whether a peer's certificate chains to the authority and is valid now; revocation is not checked (no CRL is reachable in a pod).</summary>
    public bool Trusts(X509Certificate2? peer)
    {
        if (peer is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(peer);
    }
}
