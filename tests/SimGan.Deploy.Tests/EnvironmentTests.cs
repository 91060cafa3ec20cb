using System.Text.RegularExpressions;
using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>The environment the pods get: names the code knows, values that agree with the ports and each other.</summary>
public partial class EnvironmentTests
{
    const string NodeEnvironmentFile = "src/SimGan.Cli/Composition/NodeEnvironment.cs";

    static List<(Workload Workload, List<Dictionary<string, object?>> Env)> AkkaEnvs() =>
        K8s.Workloads.Where(w => w.IsAkkaNode).Select(w => (w, Yaml.Maps(w.MainContainer.GetValueOrDefault("env")).ToList())).ToList();

    static string? Value(List<Dictionary<string, object?>> env, string name) =>
        env.Where(e => Yaml.Str(e, "name") == name).Select(e => Yaml.Str(e, "value")).FirstOrDefault();

    [Fact]
    public void Every_SIMGAN_variable_in_the_manifests_is_one_the_code_knows()
    {
        string source = Repo.ReadRequired(NodeEnvironmentFile,
            "The contract puts the SIMGAN_* environment variable names there as constants; the manifests can only be checked against it once it exists.");
        var known = SimganLiteral().Matches(source).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(known.Count > 0, $"{NodeEnvironmentFile} holds no \"SIMGAN_...\" string literal");

        var used = K8s.Workloads
            .SelectMany(w => w.Containers.SelectMany(c => Yaml.Maps(c.GetValueOrDefault("env")))
                .Select(e => (w.Id, Name: Yaml.Str(e, "name") ?? "")))
            .Where(u => u.Name.StartsWith("SIMGAN_", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(used);
        var unknown = used.Where(u => !known.Contains(u.Name)).Select(u => $"{u.Name} in {u.Id}").Distinct().ToList();
        Assert.True(unknown.Count == 0,
            $"not among the names in {NodeEnvironmentFile} ({string.Join(", ", known.Order())}):\n  " + string.Join("\n  ", unknown));
    }

    [Fact]
    public void Akka_nodes_get_the_contract_environment()
    {
        var problems = new Problems();
        foreach (var (w, env) in AkkaEnvs())
        {
            void Expect(string name, string? value) =>
                problems.Check(Value(env, name) == value, $"{w.Id}: {name} is '{Value(env, name) ?? "unset"}', not '{value}'");
            Expect("SIMGAN_ROLES", Contract.AkkaComponents[w.Component!]);
            Expect("SIMGAN_PORT", w.NamedPorts.GetValueOrDefault("remoting"));
            Expect("SIMGAN_ADMIN_PORT", w.NamedPorts.GetValueOrDefault("admin"));
            Expect("SIMGAN_HOSTNAME", "0.0.0.0");
            Expect("SIMGAN_ADMIN_BIND", "0.0.0.0");   // the kubelet's probes come from outside the pod
            Expect("SIMGAN_DISCOVERY", "kubernetes");
            Expect("SIMGAN_CLUSTER_NAME", Contract.ClusterName);
            problems.Check(w.PodLabels.GetValueOrDefault("app") == Value(env, "SIMGAN_CLUSTER_NAME"),
                $"{w.Id}: discovery looks for app=<cluster name>, the pod's app label is {w.PodLabels.GetValueOrDefault("app")}");

            var publicHost = env.SingleOrDefault(e => Yaml.Str(e, "name") == "SIMGAN_PUBLIC_HOSTNAME");
            problems.Check(Yaml.Str(publicHost, "valueFrom", "fieldRef", "fieldPath") == "status.podIP",
                $"{w.Id}: SIMGAN_PUBLIC_HOSTNAME does not come from status.podIP");

            var token = env.SingleOrDefault(e => Yaml.Str(e, "name") == "SIMGAN_ADMIN_TOKEN");
            problems.Check(Yaml.Str(token, "valueFrom", "secretKeyRef", "name") == "simgan-admin"
                           && Yaml.Str(token, "valueFrom", "secretKeyRef", "key") == "token",
                $"{w.Id}: SIMGAN_ADMIN_TOKEN does not come from secret simgan-admin/token");

            string? persistence = Value(env, "SIMGAN_PERSISTENCE");
            problems.Check(persistence != null && persistence.StartsWith("postgres:", StringComparison.Ordinal)
                           && persistence.Contains("Host=simgan-postgres;", StringComparison.Ordinal)
                           && persistence.Contains("Username=$(PGUSER)", StringComparison.Ordinal)
                           && persistence.Contains("Password=$(PGPASSWORD)", StringComparison.Ordinal),
                $"{w.Id}: SIMGAN_PERSISTENCE is '{persistence}'");
            problems.Check(Value(env, "SIMGAN_HOCON") == null, $"{w.Id}: SIMGAN_HOCON is set; the contract's files are mounted at /app/hocon");
        }
        problems.AssertNone("Akka environment");
    }

    [Fact]
    public void The_persistence_host_is_the_postgres_service()
    {
        var service = K8s.BaseObjects.Single(m => m.Kind == "Service" && m.Name == "simgan-postgres");
        var postgres = K8s.Workload("simgan-postgres");
        Assert.True(postgres.IsSelectedBy(Yaml.StringMap(Yaml.At(service.Doc, "spec", "selector"))));
        Assert.Equal("5432", Yaml.Str(Yaml.Maps(Yaml.At(service.Doc, "spec", "ports")).Single(), "port"));
        Assert.Equal("simgan-postgres", Yaml.Str(postgres.Spec, "serviceName"));
        var env = Yaml.Maps(postgres.MainContainer.GetValueOrDefault("env")).ToList();
        Assert.All(AkkaEnvs(), e => Assert.Contains($"Database={Value(env, "POSTGRES_DB")};", Value(e.Env, "SIMGAN_PERSISTENCE")));
    }

    [Fact]
    public void Variable_references_name_variables_declared_earlier_in_the_same_container()
    {
        // Kubernetes expands $(NAME) only for variables defined before it in the list; otherwise the text stays as is.
        var problems = new Problems();
        foreach (var w in K8s.Workloads)
        foreach (var c in w.Containers)
        {
            var declared = new HashSet<string>();
            foreach (var e in Yaml.Maps(c.GetValueOrDefault("env")))
            {
                foreach (Match m in Reference().Matches(Yaml.Str(e, "value") ?? ""))
                    problems.Check(declared.Contains(m.Groups[1].Value), $"{w.Id}: {Yaml.Str(e, "name")} uses $({m.Groups[1].Value}) before it is declared");
                declared.Add(Yaml.Str(e, "name") ?? "");
            }
        }
        problems.AssertNone("env references");
    }

    [Fact]
    public void Secret_references_name_secrets_and_keys_of_the_template()
    {
        var template = K8s.Load(K8s.SecretTemplate).ToDictionary(m => m.Name!, m => Yaml.StringMap(m.Doc["stringData"]).Keys.ToHashSet());
        var problems = new Problems();
        int references = 0;
        foreach (var w in K8s.Workloads)
        foreach (var c in w.Containers)
        foreach (var e in Yaml.Maps(c.GetValueOrDefault("env")))
        {
            if (Yaml.At(e, "valueFrom", "secretKeyRef") is not Dictionary<string, object?> reference) continue;
            references++;
            string name = Yaml.Str(reference, "name") ?? "", key = Yaml.Str(reference, "key") ?? "";
            problems.Check(template.TryGetValue(name, out var keys) && keys.Contains(key), $"{w.Id}: {Yaml.Str(e, "name")} reads {name}/{key}, not in {K8s.SecretTemplate}");
        }
        Assert.True(references > 0);
        problems.AssertNone("secret references");
    }

    [GeneratedRegex("\"(SIMGAN_[A-Z0-9_]+)\"")]
    private static partial Regex SimganLiteral();

    [GeneratedRegex(@"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
