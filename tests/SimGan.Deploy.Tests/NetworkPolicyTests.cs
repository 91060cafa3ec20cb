using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>
/// Who may reach which port: remoting and management only from the cluster's own nodes, the admin API only from
/// namespaces operators have marked, PostgreSQL only from the nodes that persist; nothing from everywhere.
/// </summary>
public class NetworkPolicyTests
{
    static List<Manifest> Policies => K8s.BaseObjects.Where(m => m.Kind == "NetworkPolicy").ToList();

    /// <summary>Whether a label selector (matchLabels, and matchExpressions with In) selects these labels.</summary>
    static bool Selects(object? selector, IReadOnlyDictionary<string, string> labels)
    {
        var match = Yaml.StringMap(Yaml.At(selector, "matchLabels"));
        var expressions = Yaml.Maps(Yaml.At(selector, "matchExpressions")).ToList();
        if (match.Count == 0 && expressions.Count == 0) return true;   // {} selects everything
        return match.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && expressions.All(e => Yaml.Str(e, "operator") == "In" && labels.TryGetValue(Yaml.Str(e, "key") ?? "", out var v)
                                    && Yaml.Seq(Yaml.At(e, "values")).OfType<string>().Contains(v));
    }

    /// <summary>The ingress rules of every policy selecting the workload's pods that admit the named port.</summary>
    static List<Dictionary<string, object?>> RulesAdmitting(Workload w, string port) =>
        Policies.Where(p => Selects(Yaml.At(p.Doc, "spec", "podSelector"), w.PodLabels))
            .SelectMany(p => Yaml.Maps(Yaml.At(p.Doc, "spec", "ingress")))
            .Where(r => Yaml.Maps(r.GetValueOrDefault("ports")).Any(q => Yaml.Str(q, "port") == port || Yaml.Str(q, "port") == w.NamedPorts.GetValueOrDefault(port)))
            .ToList();

    public static TheoryData<string> WorkloadNames() => new(K8s.Workloads.Select(w => w.Name));

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Every_pod_is_selected_by_an_ingress_policy_so_anything_not_admitted_is_dropped(string name)
    {
        var w = K8s.Workload(name);
        Assert.Contains(Policies, p => Selects(Yaml.At(p.Doc, "spec", "podSelector"), w.PodLabels)
                                      && Yaml.Seq(Yaml.At(p.Doc, "spec", "policyTypes")).Contains("Ingress"));
    }

    [Fact]
    public void No_rule_admits_everyone()
    {
        foreach (var p in Policies)
        foreach (var rule in Yaml.Maps(Yaml.At(p.Doc, "spec", "ingress")))
        {
            var from = Yaml.Maps(rule.GetValueOrDefault("from")).ToList();
            Assert.True(from.Count > 0, $"{p.Id}: an ingress rule without 'from' admits every source");
            Assert.True(Yaml.Maps(rule.GetValueOrDefault("ports")).Any(), $"{p.Id}: an ingress rule without 'ports' admits every port");
            foreach (var peer in from)
            {
                Assert.False(peer.ContainsKey("ipBlock"), $"{p.Id}: an ipBlock peer");
                if (peer.ContainsKey("namespaceSelector"))
                    Assert.True(Yaml.StringMap(Yaml.At(peer, "namespaceSelector", "matchLabels")).Count > 0, $"{p.Id}: a namespaceSelector that selects every namespace");
            }
        }
    }

    [Fact]
    public void Remoting_and_management_are_open_to_the_clusters_own_nodes_and_no_one_else()
    {
        var nodes = K8s.Workloads.Where(w => w.IsAkkaNode).ToList();
        foreach (var w in nodes)
        foreach (string port in new[] { "remoting", "management" })
        {
            var rules = RulesAdmitting(w, port);
            Assert.True(rules.Count > 0, $"{w.Name}: nothing admits {port}: the nodes could not reach each other");
            foreach (var peer in rules.SelectMany(r => Yaml.Maps(r.GetValueOrDefault("from"))))
            {
                Assert.False(peer.ContainsKey("namespaceSelector"), $"{w.Name}/{port}: admitted from other namespaces");
                var selector = peer.GetValueOrDefault("podSelector");
                Assert.All(nodes, n => Assert.True(Selects(selector, n.PodLabels), $"{w.Name}/{port}: {n.Name} may not connect"));
                Assert.All(K8s.Workloads.Where(x => !x.IsAkkaNode), x => Assert.False(Selects(selector, x.PodLabels), $"{w.Name}/{port}: {x.Name} may connect"));
            }
        }
    }

    [Fact]
    public void The_admin_api_is_open_only_to_namespaces_operators_marked()
    {
        foreach (var w in K8s.Workloads.Where(w => w.NamedPorts.ContainsKey("admin")))
        {
            var peers = RulesAdmitting(w, "admin").SelectMany(r => Yaml.Maps(r.GetValueOrDefault("from"))).ToList();
            Assert.NotEmpty(peers);
            Assert.All(peers, peer => Assert.Equal("true", Yaml.StringMap(Yaml.At(peer, "namespaceSelector", "matchLabels")).GetValueOrDefault("simgan.io/admin-access")));
        }
    }

    [Fact]
    public void Postgres_is_open_to_the_nodes_that_persist_and_no_others()
    {
        var postgres = K8s.Workloads.Single(w => w.Component == "postgres");
        var peers = RulesAdmitting(postgres, "postgres").SelectMany(r => Yaml.Maps(r.GetValueOrDefault("from"))).ToList();
        Assert.NotEmpty(peers);
        foreach (var w in K8s.Workloads.Where(w => w.IsAkkaNode))
        {
            bool persists = Yaml.Maps(w.MainContainer.GetValueOrDefault("env")).Any(e => Yaml.Str(e, "name") == "SIMGAN_PERSISTENCE");
            bool admitted = peers.Any(peer => peer.ContainsKey("podSelector") && !peer.ContainsKey("namespaceSelector")
                                              && Selects(peer["podSelector"], w.PodLabels));
            Assert.True(persists == admitted, $"{w.Name}: {(persists ? "persists but may not reach PostgreSQL" : "may reach PostgreSQL without needing it")}");
        }
    }
}
