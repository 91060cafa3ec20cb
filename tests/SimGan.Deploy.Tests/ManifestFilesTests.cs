using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>The files under k8s/: they parse, they are objects, and the kustomizations point at real files.</summary>
public class ManifestFilesTests
{
    [Fact]
    public void Every_yaml_file_parses_and_every_object_has_apiVersion_kind_and_name()
    {
        var problems = new Problems();
        var patches = K8s.PatchFiles();
        var files = K8s.YamlFiles().ToList();
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            List<object?> docs;
            try { docs = Yaml.LoadAll(File.ReadAllText(Repo.PathOf(file))); }
            catch (Exception ex) { problems.Add($"{file}: does not parse: {ex.Message}"); continue; }
            problems.Check(docs.Count > 0, $"{file}: no documents");
            if (patches.Contains(file)) continue;  // a patch is a list of operations, not an object
            foreach (var (doc, index) in docs.Select((d, i) => (d, i)))
            {
                string where = $"{file} document {index + 1}";
                string? kind = Yaml.Str(doc, "kind");
                problems.Check(Yaml.Str(doc, "apiVersion") is { Length: > 0 }, $"{where}: no apiVersion");
                problems.Check(kind is { Length: > 0 }, $"{where}: no kind");
                if (kind != "Kustomization")
                    problems.Check(Yaml.Str(doc, "metadata", "name") is { Length: > 0 }, $"{where}: no metadata.name");
            }
        }
        problems.AssertNone("k8s/ YAML");
    }

    [Fact]
    public void Kustomizations_list_only_files_that_exist()
    {
        var problems = new Problems();
        foreach (string dir in K8s.KustomizationDirs())
        {
            var k = K8s.Kustomization(dir);
            foreach (string resource in Yaml.Seq(k.GetValueOrDefault("resources")).OfType<string>())
            {
                string path = K8s.Normalize($"{dir}/{resource}");
                bool ok = File.Exists(Repo.PathOf(path)) || File.Exists(Repo.PathOf($"{path}/kustomization.yaml"));
                problems.Check(ok, $"{dir}/kustomization.yaml: resource {resource} is neither a file nor a kustomization");
            }
            foreach (var patch in Yaml.Maps(k.GetValueOrDefault("patches")))
                if (Yaml.Str(patch, "path") is { } p)
                    problems.Check(File.Exists(Repo.PathOf($"{dir}/{p}")), $"{dir}/kustomization.yaml: patch {p} does not exist");
            foreach (var generator in Yaml.Maps(k.GetValueOrDefault("configMapGenerator")))
            foreach (string entry in Yaml.Seq(generator.GetValueOrDefault("files")).OfType<string>())
            {
                string file = entry.Contains('=') ? entry[(entry.IndexOf('=') + 1)..] : entry;
                problems.Check(File.Exists(Repo.PathOf($"{dir}/{file}")),
                    $"{dir}/kustomization.yaml: configMapGenerator file {file} does not exist" +
                    (file.StartsWith("hocon/", StringComparison.Ordinal) ? " (run k8s/sync-hocon.sh once hocon/ exists)" : ""));
            }
        }
        problems.AssertNone("kustomization.yaml entries");
    }

    [Fact]
    public void Every_manifest_in_the_base_folder_is_applied()
    {
        var k = K8s.Kustomization(K8s.Base);
        var listed = Yaml.Seq(k.GetValueOrDefault("resources")).OfType<string>().Select(r => $"{K8s.Base}/{r}").ToHashSet();
        var unlisted = K8s.YamlFiles()
            .Where(f => Path.GetDirectoryName(f)!.Replace('\\', '/') == K8s.Base && Path.GetFileName(f) != "kustomization.yaml")
            .Where(f => !listed.Contains(f))
            .ToList();
        Assert.True(unlisted.Count == 0, "in k8s/base but not in its kustomization.yaml: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void Both_variants_build_on_the_base()
    {
        foreach (string dir in new[] { K8s.Dir, K8s.CpuOverlay })
        {
            var resources = Yaml.Seq(K8s.Kustomization(dir).GetValueOrDefault("resources")).OfType<string>()
                .Select(r => K8s.Normalize($"{dir}/{r}")).ToList();
            Assert.Contains(K8s.Base, resources);
        }
    }

    [Fact]
    public void Every_namespaced_object_is_in_the_simgan_namespace()
    {
        var problems = new Problems();
        Assert.Equal(Contract.Namespace, Yaml.Str(K8s.Kustomization(K8s.Base), "namespace"));
        foreach (var m in K8s.BaseObjects)
        {
            if (m.Kind == "Namespace") problems.Check(m.Name == Contract.Namespace, $"{m.Id}: the namespace is {Contract.Namespace}");
            // Also explicit in each file, so that `kubectl apply -f` of one file lands in the same place.
            else problems.Check(m.Namespace == Contract.Namespace, $"{m.Id}: metadata.namespace is {m.Namespace ?? "missing"}");
        }
        problems.AssertNone("namespaces");
    }

    [Fact]
    public void The_contract_names_exist()
    {
        var names = K8s.BaseObjects.Select(m => $"{m.Kind}/{m.Name}").ToHashSet();
        string[] expected =
        [
            "Namespace/simgan", "ServiceAccount/simgan", "Role/simgan-pod-reader", "RoleBinding/simgan-pod-reader",
            "Service/simgan", "Service/simgan-coordinator", "Service/simgan-postgres",
            "Deployment/simgan-coordinator", "Deployment/simgan-worker", "Deployment/simgan-buffer", "Deployment/simgan-feeder",
            "StatefulSet/simgan-postgres", "PersistentVolumeClaim/simgan-runs",
            "PodDisruptionBudget/simgan-worker", "PodDisruptionBudget/simgan-buffer",
        ];
        var missing = expected.Where(e => !names.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_role_lets_the_pods_read_pods_and_is_bound_to_their_service_account()
    {
        var role = K8s.BaseObjects.Single(m => m.Kind == "Role");
        var rule = Yaml.Maps(role.Doc["rules"]).Single(r => Yaml.Seq(r.GetValueOrDefault("resources")).Contains("pods"));
        var verbs = Yaml.Seq(rule.GetValueOrDefault("verbs")).OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "watch", "list" }, verbs);
        Assert.Contains("", Yaml.Seq(rule.GetValueOrDefault("apiGroups")));

        var binding = K8s.BaseObjects.Single(m => m.Kind == "RoleBinding");
        Assert.Equal(role.Name, Yaml.Str(binding.Doc, "roleRef", "name"));
        var subject = Yaml.Maps(binding.Doc["subjects"]).Single();
        Assert.Equal("ServiceAccount", Yaml.Str(subject, "kind"));
        foreach (var w in K8s.Workloads.Where(w => w.IsAkkaNode))
            Assert.Equal(Yaml.Str(subject, "name"), Yaml.Str(w.PodSpec, "serviceAccountName"));
    }

    [Fact]
    public void The_secret_template_has_the_contract_keys_with_replace_me_values_and_is_never_applied_by_kustomize()
    {
        var secrets = K8s.Load(K8s.SecretTemplate).ToDictionary(m => m.Name!);
        Assert.Equal(["token"], Yaml.StringMap(secrets["simgan-admin"].Doc["stringData"]).Keys);
        Assert.Equal(["password", "username"], Yaml.StringMap(secrets["simgan-postgres"].Doc["stringData"]).Keys.Order());
        foreach (var secret in secrets.Values)
        foreach (var (key, value) in Yaml.StringMap(secret.Doc["stringData"]))
            Assert.True(value.Contains("REPLACE", StringComparison.OrdinalIgnoreCase), $"{secret.Name}/{key} is not marked as a placeholder");
        // Listed in a kustomization, a re-apply would overwrite the real secrets with these placeholders.
        Assert.DoesNotContain(K8s.BaseObjects, m => m.Kind == "Secret");
    }
}
