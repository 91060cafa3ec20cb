using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>The repository's hocon/*.conf, the ConfigMap built from them, and the settings the manifests rely on.</summary>
public class HoconTests
{
    const string Why = "The contract lists hocon/ base.conf, single-node.conf, cluster.conf, sqlite.conf, postgres.conf and kubernetes.conf.";

    static Dictionary<string, string> Flat(string file) => Hocon.Flatten(Repo.ReadRequired($"hocon/{file}", Why));

    [Fact]
    public void The_contract_hocon_files_exist()
    {
        var missing = Contract.HoconFiles.Where(f => !File.Exists(Repo.PathOf($"hocon/{f}"))).ToList();
        Assert.True(missing.Count == 0, "missing under hocon/: " + string.Join(", ", missing) + ". " + Why);
    }

    [Fact]
    public void The_configmap_generator_carries_exactly_the_repository_hocon_files_unchanged()
    {
        var generator = Yaml.Maps(K8s.Kustomization(K8s.Base).GetValueOrDefault("configMapGenerator"))
            .Single(g => Yaml.Str(g, "name") == "simgan-hocon");
        var listed = Yaml.Seq(generator.GetValueOrDefault("files")).OfType<string>().ToList();
        Assert.Equal(Contract.HoconFiles.Select(f => $"hocon/{f}").Order(), listed.Order());

        var problems = new Problems();
        string hoconDir = Repo.PathOf("hocon");
        problems.Check(Directory.Exists(hoconDir), $"hocon/ does not exist. {Why}");
        if (Directory.Exists(hoconDir))
            foreach (string file in Directory.EnumerateFiles(hoconDir, "*.conf").Select(Path.GetFileName).OfType<string>())
                problems.Check(listed.Contains($"hocon/{file}"), $"hocon/{file} is not in the simgan-hocon ConfigMap");
        foreach (string entry in listed)
        {
            string original = Repo.PathOf(entry), copy = Repo.PathOf($"{K8s.Base}/{entry}");
            if (!File.Exists(original)) { problems.Add($"{entry} does not exist. {Why}"); continue; }
            if (!File.Exists(copy)) { problems.Add($"{K8s.Base}/{entry} is missing: run k8s/sync-hocon.sh"); continue; }
            problems.Check(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(copy)),
                $"{K8s.Base}/{entry} differs from {entry}: run k8s/sync-hocon.sh");
        }
        problems.AssertNone("simgan-hocon ConfigMap");
    }

    [Fact]
    public void Kubernetes_conf_sets_bootstrap_through_kubernetes_api_on_the_management_port()
    {
        var conf = Flat("kubernetes.conf");
        var problems = new Problems();
        string? Get(string key) => conf.GetValueOrDefault(key);

        problems.Check(Get("akka.management.http.port") == Contract.Ports["management"],
            $"akka.management.http.port is {Get("akka.management.http.port") ?? "unset"}, the pods' management port is {Contract.Ports["management"]}");
        problems.Check(Get("akka.discovery.method") == "kubernetes-api"
                       || Get("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method") == "kubernetes-api",
            "neither akka.discovery.method nor contact-point-discovery.discovery-method is kubernetes-api");

        // The Postgres pod carries app=simgan too; only a port-name filter keeps it out of the contact points.
        string? portName = Get("akka.management.cluster.bootstrap.contact-point-discovery.port-name");
        problems.Check(portName == "management",
            $"contact-point-discovery.port-name is '{portName ?? "unset"}'; it must be 'management' (the name of port {Contract.Ports["management"]} on the Akka pods and absent from Postgres)");

        if (Get("akka.discovery.kubernetes-api.pod-label-selector") is { } selector)
            problems.Check(selector is "app={0}" or "app=simgan", $"pod-label-selector is '{selector}', the pods are labelled app=simgan");
        if (Get("akka.management.cluster.bootstrap.contact-point-discovery.service-name") is { } service && !service.StartsWith("${", StringComparison.Ordinal))
            problems.Check(service == Contract.ClusterName, $"contact-point-discovery.service-name is '{service}', not '{Contract.ClusterName}'");
        if (Get("akka.discovery.kubernetes-api.pod-namespace") is { } ns && !ns.StartsWith("${", StringComparison.Ordinal) && ns != "<pod-namespace>")
            problems.Check(ns == Contract.Namespace, $"pod-namespace is '{ns}', the pods run in '{Contract.Namespace}'");
        if (Get("akka.management.http.bind-hostname") is { } bind && !bind.StartsWith("${", StringComparison.Ordinal))
            problems.Check(bind is "0.0.0.0" or "", $"akka.management.http.bind-hostname is '{bind}': other pods could not reach it");
        problems.AssertNone("hocon/kubernetes.conf");
    }

    [Fact]
    public void Cluster_hocon_uses_the_contract_ports_where_it_fixes_one()
    {
        var problems = new Problems();
        foreach (string file in new[] { "base.conf", "cluster.conf", "kubernetes.conf", "postgres.conf" })
        foreach (var (key, value) in Flat(file))
        {
            if (!int.TryParse(value, out _)) continue;  // substitutions and the like
            if (key == "akka.remote.dot-netty.tcp.port")
                problems.Check(value is "4053" or "0", $"hocon/{file}: {key} = {value}; the remoting port is 4053");
            if (key is "akka.management.http.port" or "akka.management.http.bind-port")
                problems.Check(value == "8558", $"hocon/{file}: {key} = {value}; the management port is 8558");
        }
        problems.AssertNone("ports in hocon/");
    }
}
