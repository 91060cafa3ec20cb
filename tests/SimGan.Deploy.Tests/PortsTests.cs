using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>Port names and numbers: the ones the contract fixes, and every reference by name resolves.</summary>
public class PortsTests
{
    [Fact]
    public void Every_akka_node_exposes_remoting_management_and_admin_with_the_contract_numbers()
    {
        var problems = new Problems();
        foreach (var w in K8s.Workloads.Where(w => w.IsAkkaNode))
        foreach (var (name, number) in Contract.Ports)
            problems.Check(w.NamedPorts.GetValueOrDefault(name) == number,
                $"{w.Id}: port {name} is {w.NamedPorts.GetValueOrDefault(name) ?? "missing"}, not {number}");
        // And wherever else one of those names appears, it means the same number.
        foreach (var w in K8s.Workloads)
        foreach (var (name, number) in w.NamedPorts.Where(p => Contract.Ports.ContainsKey(p.Key)))
            problems.Check(number == Contract.Ports[name], $"{w.Id}: port {name} is {number}");
        problems.AssertNone("Akka ports");
    }

    [Fact]
    public void Only_akka_nodes_have_a_management_port_so_discovery_never_takes_postgres_for_a_contact_point()
    {
        var postgres = K8s.Workload("simgan-postgres");
        Assert.DoesNotContain(postgres.NamedPorts.Keys, name => name.Contains("management", StringComparison.Ordinal));
    }

    [Fact]
    public void Probe_ports_named_in_a_container_exist_in_that_container()
    {
        var problems = new Problems();
        foreach (var w in K8s.Workloads)
        foreach (var c in w.Containers)
        {
            var own = Yaml.Maps(c.GetValueOrDefault("ports")).Select(p => Yaml.Str(p, "name")).OfType<string>().ToHashSet();
            foreach (string probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            foreach (string kind in new[] { "httpGet", "tcpSocket", "grpc" })
                if (Yaml.Str(c, probe, kind, "port") is { } port && !int.TryParse(port, out _))
                    problems.Check(own.Contains(port), $"{w.Id} {Yaml.Str(c, "name")}: {probe} uses port {port}, which it does not declare");
        }
        problems.AssertNone("probe ports");
    }

    [Fact]
    public void Service_target_ports_exist_on_the_pods_they_select()
    {
        var problems = new Problems();
        foreach (var service in K8s.BaseObjects.Where(m => m.Kind == "Service"))
        {
            var selected = K8s.Workloads.Where(w => w.IsSelectedBy(Yaml.StringMap(Yaml.At(service.Doc, "spec", "selector")))).ToList();
            foreach (var port in Yaml.Maps(Yaml.At(service.Doc, "spec", "ports")))
            {
                string target = Yaml.Str(port, "targetPort") ?? Yaml.Str(port, "port") ?? "";
                bool served = int.TryParse(target, out _)
                    ? selected.Any(w => w.NamedPorts.ContainsValue(target))
                    : selected.Any(w => w.NamedPorts.ContainsKey(target));
                problems.Check(served, $"{service.Id}: targetPort {target} is on none of the pods it selects");
                if (Yaml.Str(port, "name") is { } name && Contract.Ports.TryGetValue(name, out var number))
                    problems.Check(Yaml.Str(port, "port") == number, $"{service.Id}: port {name} is {Yaml.Str(port, "port")}, not {number}");
            }
        }
        problems.AssertNone("service ports");
    }

    [Fact]
    public void The_headless_service_covers_remoting_and_management_and_publishes_unready_pods()
    {
        var service = K8s.BaseObjects.Single(m => m.Kind == "Service" && m.Name == Contract.ClusterName);
        Assert.Equal("None", Yaml.Str(service.Doc, "spec", "clusterIP"));
        Assert.Equal("true", Yaml.Str(service.Doc, "spec", "publishNotReadyAddresses"));
        var ports = Yaml.Maps(Yaml.At(service.Doc, "spec", "ports")).ToDictionary(p => Yaml.Str(p, "name")!, p => Yaml.Str(p, "port"));
        Assert.Equal("4053", ports["remoting"]);
        Assert.Equal("8558", ports["management"]);
        // Every Akka role is behind it.
        var selector = Yaml.StringMap(Yaml.At(service.Doc, "spec", "selector"));
        Assert.All(K8s.Workloads.Where(w => w.IsAkkaNode), w => Assert.True(w.IsSelectedBy(selector), w.Id));
    }

    [Fact]
    public void The_admin_service_reaches_the_coordinator_on_9110()
    {
        var service = K8s.BaseObjects.Single(m => m.Kind == "Service" && m.Name == "simgan-coordinator");
        Assert.NotEqual("None", Yaml.Str(service.Doc, "spec", "clusterIP"));
        var port = Yaml.Maps(Yaml.At(service.Doc, "spec", "ports")).Single();
        Assert.Equal("9110", Yaml.Str(port, "port"));
        Assert.Equal("admin", Yaml.Str(port, "targetPort"));
        var selected = K8s.Workloads.Where(w => w.IsSelectedBy(Yaml.StringMap(Yaml.At(service.Doc, "spec", "selector")))).ToList();
        Assert.Equal(["simgan-coordinator"], selected.Select(w => w.Name));
    }
}
