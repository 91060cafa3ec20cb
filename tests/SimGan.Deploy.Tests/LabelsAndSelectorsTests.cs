using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>Selectors pick the pods they are meant to, and the pods carry the contract's labels.</summary>
public class LabelsAndSelectorsTests
{
    [Fact]
    public void Every_workload_selector_matches_its_pod_template_labels()
    {
        var problems = new Problems();
        foreach (var w in K8s.Workloads)
            problems.Check(w.IsSelectedBy(w.SelectorLabels),
                $"{w.Id}: selector {Show(w.SelectorLabels)} does not match template labels {Show(w.PodLabels)}");
        problems.AssertNone("workload selectors");
    }

    [Fact]
    public void No_two_workloads_select_the_same_pods()
    {
        var problems = new Problems();
        foreach (var a in K8s.Workloads)
        foreach (var b in K8s.Workloads.Where(b => b.Name != a.Name))
            problems.Check(!b.IsSelectedBy(a.SelectorLabels), $"{a.Id}'s selector also matches {b.Id}'s pods");
        problems.AssertNone("overlapping selectors");
    }

    [Fact]
    public void Every_service_selects_at_least_one_workload()
    {
        var problems = new Problems();
        foreach (var service in K8s.BaseObjects.Where(m => m.Kind == "Service"))
        {
            var selector = Yaml.StringMap(Yaml.At(service.Doc, "spec", "selector"));
            problems.Check(K8s.Workloads.Any(w => w.IsSelectedBy(selector)), $"{service.Id}: selector {Show(selector)} matches no workload");
        }
        problems.AssertNone("service selectors");
    }

    [Fact]
    public void Every_disruption_budget_selects_a_workload()
    {
        var problems = new Problems();
        var budgets = K8s.BaseObjects.Where(m => m.Kind == "PodDisruptionBudget").ToList();
        Assert.NotEmpty(budgets);
        foreach (var pdb in budgets)
        {
            var selector = Yaml.StringMap(Yaml.At(pdb.Doc, "spec", "selector", "matchLabels"));
            problems.Check(K8s.Workloads.Any(w => w.IsSelectedBy(selector)), $"{pdb.Id}: selector {Show(selector)} matches no workload");
        }
        problems.AssertNone("PDB selectors");
    }

    [Theory]
    [InlineData("simgan-worker", "worker")]
    [InlineData("simgan-buffer", "buffer")]
    public void The_workers_and_the_buffer_have_a_disruption_budget(string workload, string component)
    {
        var w = K8s.Workload(workload);
        var pdb = K8s.BaseObjects.Where(m => m.Kind == "PodDisruptionBudget")
            .Where(m => w.IsSelectedBy(Yaml.StringMap(Yaml.At(m.Doc, "spec", "selector", "matchLabels")))).ToList();
        Assert.Single(pdb);
        Assert.Equal(component, w.Component);
    }

    [Fact]
    public void Every_pod_carries_the_contract_labels()
    {
        var problems = new Problems();
        foreach (var w in K8s.Workloads)
        {
            var labels = w.PodLabels;
            problems.Check(labels.GetValueOrDefault("app") == Contract.ClusterName, $"{w.Id}: label app is not {Contract.ClusterName}");
            problems.Check(labels.GetValueOrDefault("app.kubernetes.io/name") == "simgan", $"{w.Id}: label app.kubernetes.io/name is not simgan");
            problems.Check(w.Component != null && Contract.Components.Contains(w.Component), $"{w.Id}: component {w.Component ?? "missing"}");
            problems.Check(w.Name == $"simgan-{w.Component}", $"{w.Id}: named simgan-<component>, component is {w.Component}");
        }
        var components = K8s.Workloads.Select(w => w.Component).Order().ToList();
        problems.Check(components.SequenceEqual(Contract.Components.Order()), $"components: {string.Join(",", components)}");
        problems.AssertNone("pod labels");
    }

    static string Show(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.Select(kv => $"{kv.Key}={kv.Value}")) + "}";
}
