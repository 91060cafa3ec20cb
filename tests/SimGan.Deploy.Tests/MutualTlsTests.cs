using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>Every Akka node gets its certificate, the authority and the keystore's password, the way cert-manager's example writes them.</summary>
public class MutualTlsTests
{
    const string CertManagerExample = "k8s/cert-manager.example.yaml";

    public static TheoryData<string> AkkaNodes() => new(K8s.Workloads.Where(w => w.IsAkkaNode).Select(w => w.Name));

    static List<Dictionary<string, object?>> Env(Workload w) => Yaml.Maps(w.MainContainer.GetValueOrDefault("env")).ToList();

    static string? Value(Workload w, string name) => Env(w).Where(e => Yaml.Str(e, "name") == name).Select(e => Yaml.Str(e, "value")).FirstOrDefault();

    /// <summary>The Secret mounted read-only at the folder holding <paramref name="file"/>, or null.</summary>
    static string? SecretHolding(Workload w, string file)
    {
        var mount = Yaml.Maps(w.MainContainer.GetValueOrDefault("volumeMounts"))
            .SingleOrDefault(m => Yaml.Str(m, "mountPath") is { } path && Path.GetDirectoryName(file) == path.TrimEnd('/'));
        if (mount is null || Yaml.At(mount, "readOnly") is not (true or "true")) return null;
        return w.Volumes.Where(v => Yaml.Str(v, "name") == Yaml.Str(mount, "name")).Select(v => Yaml.Str(v, "secret", "secretName")).SingleOrDefault();
    }

    [Theory]
    [MemberData(nameof(AkkaNodes))]
    public void Akka_nodes_read_their_keystore_and_the_authority_from_the_tls_secret_and_the_password_from_its_own(string name)
    {
        var w = K8s.Workload(name);
        string pfx = Value(w, "SIMGAN_TLS_PFX") ?? throw new Xunit.Sdk.XunitException($"{name}: no SIMGAN_TLS_PFX");
        string ca = Value(w, "SIMGAN_TLS_CA") ?? throw new Xunit.Sdk.XunitException($"{name}: no SIMGAN_TLS_CA");
        Assert.Equal("simgan-tls", SecretHolding(w, pfx));
        Assert.Equal("simgan-tls", SecretHolding(w, ca));
        var password = Env(w).Single(e => Yaml.Str(e, "name") == "SIMGAN_TLS_PASSWORD");
        Assert.Null(Yaml.Str(password, "value"));   // never a literal in a manifest
        Assert.Equal("simgan-tls-password", Yaml.Str(password, "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("password", Yaml.Str(password, "valueFrom", "secretKeyRef", "key"));
    }

    [Fact]
    public void The_cert_manager_example_writes_the_files_and_password_the_nodes_read()
    {
        var node = K8s.Workloads.First(w => w.IsAkkaNode);
        var certificates = K8s.Load(CertManagerExample).Where(m => m.Kind == "Certificate").ToList();
        var nodeCertificate = certificates.Single(c => Yaml.Str(c.Doc, "spec", "secretName") == "simgan-tls");
        Assert.Equal("true", Yaml.At(nodeCertificate.Doc, "spec", "keystores", "pkcs12", "create")?.ToString()?.ToLowerInvariant());
        Assert.Equal("simgan-tls-password", Yaml.Str(nodeCertificate.Doc, "spec", "keystores", "pkcs12", "passwordSecretRef", "name"));
        // cert-manager's file names in the Secret: keystore.p12 and ca.crt.
        Assert.Equal("keystore.p12", Path.GetFileName(Value(node, "SIMGAN_TLS_PFX")));
        Assert.Equal("ca.crt", Path.GetFileName(Value(node, "SIMGAN_TLS_CA")));
        var usages = Yaml.Seq(Yaml.At(nodeCertificate.Doc, "spec", "usages")).OfType<string>().ToList();
        Assert.Contains("server auth", usages);
        Assert.Contains("client auth", usages);   // every node is a TLS client of the others too
        // Neither the example nor the password template is applied by `kubectl apply -k`.
        Assert.DoesNotContain(K8s.BaseObjects, m => m.File == CertManagerExample || m.File == K8s.SecretTemplate);
        Assert.Contains(K8s.Load(K8s.SecretTemplate), m => m.Kind == "Secret" && m.Name == "simgan-tls-password");
    }
}
