using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>Every workload: resources, probes, a locked-down security context, a graceful stop.</summary>
public class HardeningTests
{
    public static TheoryData<string> WorkloadNames() => new(K8s.Workloads.Select(w => w.Name));

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Containers_request_and_limit_cpu_and_memory(string name)
    {
        foreach (var c in K8s.Workload(name).Containers.Concat(K8s.Workload(name).InitContainers))
        foreach (string section in new[] { "requests", "limits" })
        foreach (string resource in new[] { "cpu", "memory" })
            Assert.True(Yaml.Str(c, "resources", section, resource) is { Length: > 0 }, $"{name}/{Yaml.Str(c, "name")}: no {section}.{resource}");
    }

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Containers_have_liveness_and_readiness_probes(string name)
    {
        var w = K8s.Workload(name);
        foreach (var c in w.Containers)
        {
            Assert.NotNull(Yaml.Map(c.GetValueOrDefault("livenessProbe")));
            Assert.NotNull(Yaml.Map(c.GetValueOrDefault("readinessProbe")));
        }
        if (!w.IsAkkaNode) return;
        var main = w.MainContainer;
        Assert.Equal("/health/live", Yaml.Str(main, "livenessProbe", "httpGet", "path"));
        Assert.Equal("admin", Yaml.Str(main, "livenessProbe", "httpGet", "port"));
        Assert.Equal("/health/ready", Yaml.Str(main, "readinessProbe", "httpGet", "path"));
        Assert.Equal("admin", Yaml.Str(main, "readinessProbe", "httpGet", "port"));
    }

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Containers_run_as_non_root_without_privilege_escalation_capabilities_or_a_writable_root(string name)
    {
        var w = K8s.Workload(name);
        string expectedUser = w.IsAkkaNode ? "1000" : "999";   // Postgres runs as its image's own postgres user
        foreach (var c in w.Containers.Concat(w.InitContainers))
        {
            string who = $"{name}/{Yaml.Str(c, "name")}";
            string? Effective(string key) => Yaml.Str(c, "securityContext", key) ?? Yaml.Str(w.PodSpec, "securityContext", key);
            Assert.True(Effective("runAsNonRoot") == "true", $"{who}: runAsNonRoot is not true");
            Assert.True(Effective("runAsUser") == expectedUser, $"{who}: runAsUser is {Effective("runAsUser")}, not {expectedUser}");
            Assert.True(Yaml.Str(c, "securityContext", "allowPrivilegeEscalation") == "false", $"{who}: allowPrivilegeEscalation is not false");
            Assert.True(Yaml.Str(c, "securityContext", "readOnlyRootFilesystem") == "true", $"{who}: readOnlyRootFilesystem is not true");
            Assert.Equal(["ALL"], Yaml.Seq(Yaml.At(c, "securityContext", "capabilities", "drop")));
            Assert.Null(Yaml.At(c, "securityContext", "capabilities", "add"));
            Assert.NotEqual("true", Yaml.Str(c, "securityContext", "privileged"));

            // A read-only root needs somewhere to write temporary files.
            var tmp = Yaml.Maps(c.GetValueOrDefault("volumeMounts")).SingleOrDefault(m => Yaml.Str(m, "mountPath") == "/tmp");
            Assert.True(tmp != null, $"{who}: nothing mounted at /tmp");
            var volume = w.Volumes.Single(v => Yaml.Str(v, "name") == Yaml.Str(tmp, "name"));
            Assert.True(volume.ContainsKey("emptyDir"), $"{who}: /tmp is not an emptyDir");
        }
    }

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void Pods_have_a_termination_grace_period_and_akka_nodes_leave_the_cluster_before_stopping(string name)
    {
        var w = K8s.Workload(name);
        string? grace = Yaml.Str(w.PodSpec, "terminationGracePeriodSeconds");
        Assert.True(int.TryParse(grace, out int seconds) && seconds >= 30, $"{name}: terminationGracePeriodSeconds is {grace ?? "unset"}");
        if (!w.IsAkkaNode) return;
        var command = Yaml.Seq(Yaml.At(w.MainContainer, "lifecycle", "preStop", "exec", "command")).OfType<string>().ToList();
        Assert.Equal(Contract.PreStop, command);
        // The ctl call authenticates with SIMGAN_ADMIN_TOKEN from the container's environment.
        Assert.Contains(Yaml.Maps(w.MainContainer.GetValueOrDefault("env")), e => Yaml.Str(e, "name") == "SIMGAN_ADMIN_TOKEN");
    }

    [Fact]
    public void The_coordinator_is_a_single_recreated_trainer_writing_to_the_runs_volume()
    {
        var w = K8s.Workload("simgan-coordinator");
        Assert.Equal("1", w.Replicas);
        Assert.Equal("Recreate", Yaml.Str(w.Spec, "strategy", "type"));

        var args = Yaml.Seq(w.MainContainer.GetValueOrDefault("args")).OfType<string>().ToList();
        Assert.Equal(["train", "--engine", "cluster", "--out", "/data/run"], args.Take(5));
        int at = args.IndexOf("--workers");
        Assert.True(at > 0, "no --workers");
        Assert.Equal(K8s.Workload("simgan-worker").Replicas, args[at + 1]);

        var data = Yaml.Maps(w.MainContainer.GetValueOrDefault("volumeMounts")).Single(m => Yaml.Str(m, "mountPath") == "/data");
        var volume = w.Volumes.Single(v => Yaml.Str(v, "name") == Yaml.Str(data, "name"));
        Assert.Equal("simgan-runs", Yaml.Str(volume, "persistentVolumeClaim", "claimName"));
        Assert.Contains(K8s.BaseObjects, m => m.Kind == "PersistentVolumeClaim" && m.Name == "simgan-runs");
    }

    [Theory]
    [InlineData("simgan-worker")]
    [InlineData("simgan-buffer")]
    [InlineData("simgan-feeder")]
    public void Workers_run_the_node_verb(string name) =>
        Assert.Equal(["node"], Yaml.Seq(K8s.Workload(name).MainContainer.GetValueOrDefault("args")));

    [Fact]
    public void Akka_nodes_mount_the_hocon_configmap_at_app_hocon()
    {
        foreach (var w in K8s.Workloads.Where(w => w.IsAkkaNode))
        {
            var mount = Yaml.Maps(w.MainContainer.GetValueOrDefault("volumeMounts")).SingleOrDefault(m => Yaml.Str(m, "mountPath") == "/app/hocon");
            Assert.True(mount != null, $"{w.Id}: nothing at /app/hocon");
            var volume = w.Volumes.Single(v => Yaml.Str(v, "name") == Yaml.Str(mount, "name"));
            Assert.Equal("simgan-hocon", Yaml.Str(volume, "configMap", "name"));
        }
    }

    [Fact]
    public void Akka_containers_use_the_image_name_the_kustomizations_rewrite()
    {
        foreach (var w in K8s.Workloads.Where(w => w.IsAkkaNode))
            Assert.Equal("simgan", Yaml.Str(w.MainContainer, "image"));
        foreach (string dir in new[] { K8s.Dir, K8s.CpuOverlay })
            Assert.Contains(Yaml.Maps(K8s.Kustomization(dir).GetValueOrDefault("images")), i => Yaml.Str(i, "name") == "simgan");
    }

    [Fact]
    public void Postgres_keeps_its_data_on_a_claim_template()
    {
        var w = K8s.Workload("simgan-postgres");
        Assert.Equal("StatefulSet", w.Manifest.Kind);
        var template = Yaml.Maps(Yaml.At(w.Spec, "volumeClaimTemplates")).Single();
        string claim = Yaml.Str(template, "metadata", "name")!;
        var mount = Yaml.Maps(w.MainContainer.GetValueOrDefault("volumeMounts")).Single(m => Yaml.Str(m, "name") == claim);
        string? pgdata = Yaml.Maps(w.MainContainer.GetValueOrDefault("env")).Where(e => Yaml.Str(e, "name") == "PGDATA").Select(e => Yaml.Str(e, "value")).SingleOrDefault();
        Assert.True(pgdata != null && pgdata.StartsWith(Yaml.Str(mount, "mountPath") + "/", StringComparison.Ordinal),
            $"PGDATA {pgdata} is not inside the claim mounted at {Yaml.Str(mount, "mountPath")}");
    }
}
