using System.Security.Cryptography.X509Certificates;
using SimGan.Cli.Tests;
using SimGan.Cluster.Hosting;

namespace SimGan.Cluster.Tests.Hosting;

public sealed class NodeTlsTests : IDisposable
{
    readonly string folder = SimganProcess.Temp();
    static readonly X509Certificate2 Ours = TestCertificates.Authority("simgan test CA");
    static readonly X509Certificate2 Theirs = TestCertificates.Authority("another CA");

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    NodeTls Load(X509Certificate2 node, X509Certificate2 authority, string? password = TestCertificates.Password) =>
        NodeTls.Load(TestCertificates.WritePfx(folder, "node", node), TestCertificates.WritePem(folder, "ca", authority), password);

    [Fact]
    public void A_node_trusts_certificates_from_its_authority_and_no_other()
    {
        var tls = Load(TestCertificates.Node(Ours, "node-a"), Ours);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.True(tls.Trusts(TestCertificates.Node(Ours, "node-b")));
        Assert.False(tls.Trusts(TestCertificates.Node(Theirs, "intruder")));
        Assert.False(tls.Trusts(Theirs));
        Assert.False(tls.Trusts(null));
    }

    [Fact]
    public void Missing_files_wrong_passwords_keyless_files_and_foreign_certificates_are_one_line_errors()
    {
        var node = TestCertificates.Node(Ours, "node-a");
        string Message(Action load) => Assert.Throws<ArgumentException>(load).Message;

        Assert.Contains("no such file", Message(() => NodeTls.Load(Path.Combine(folder, "none.pfx"), TestCertificates.WritePem(folder, "ca", Ours), null)));
        Assert.Contains("SIMGAN_TLS_PASSWORD", Message(() => Load(node, Ours, "wrong")));
        var keyless = X509CertificateLoader.LoadCertificate(node.RawData);
        Assert.Contains("not its private key", Message(() => NodeTls.Load(
            WriteBytes("keyless.pfx", keyless.Export(X509ContentType.Pkcs12, TestCertificates.Password)), TestCertificates.WritePem(folder, "ca", Ours),
            TestCertificates.Password)));
        Assert.Contains("not a PEM certificate", Message(() => NodeTls.Load(TestCertificates.WritePfx(folder, "node", node),
            WriteBytes("ca.pem", "not a certificate"u8.ToArray()), TestCertificates.Password)));
        Assert.Contains("is not issued by the --tls-ca authority", Message(() => Load(TestCertificates.Node(Theirs, "node-x"), Ours)));
        Assert.Contains("cannot be read as PKCS#12", Message(() => NodeTls.Load(WriteBytes("garbage.pfx", new byte[100]),
            TestCertificates.WritePem(folder, "ca", Ours), TestCertificates.Password)));
    }

    string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
