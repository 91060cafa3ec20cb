namespace SimGan.Deploy.Tests.Support;

/// <summary>One Kubernetes object from one YAML document.</summary>
public sealed record Manifest(string File, Dictionary<string, object?> Doc)
{
    public string? ApiVersion => Yaml.Str(Doc, "apiVersion");
    public string? Kind => Yaml.Str(Doc, "kind");
    public string? Name => Yaml.Str(Doc, "metadata", "name");
    public string? Namespace => Yaml.Str(Doc, "metadata", "namespace");
    public string Id => $"{Kind}/{Name} ({File})";
    public bool IsWorkload => Kind is "Deployment" or "StatefulSet";
    public Workload AsWorkload() => new(this);
}

/// <summary>A Deployment or StatefulSet, with its pod template at hand.</summary>
public sealed class Workload(Manifest manifest)
{
    public Manifest Manifest { get; } = manifest;
    public string Id => Manifest.Id;
    public string Name => Manifest.Name ?? "";
    public object? Spec => Yaml.At(Manifest.Doc, "spec");
    public object? PodSpec => Yaml.At(Manifest.Doc, "spec", "template", "spec");
    public Dictionary<string, string> PodLabels => Yaml.StringMap(Yaml.At(Manifest.Doc, "spec", "template", "metadata", "labels"));
    public Dictionary<string, string> SelectorLabels => Yaml.StringMap(Yaml.At(Manifest.Doc, "spec", "selector", "matchLabels"));
    public string? Component => PodLabels.GetValueOrDefault("app.kubernetes.io/component");
    public bool IsAkkaNode => Component != null && Contract.AkkaRoles.Contains(Component);
    public IEnumerable<Dictionary<string, object?>> Containers => Yaml.Maps(Yaml.At(PodSpec, "containers"));
    public IEnumerable<Dictionary<string, object?>> InitContainers => Yaml.Maps(Yaml.At(PodSpec, "initContainers"));
    public IEnumerable<Dictionary<string, object?>> Volumes => Yaml.Maps(Yaml.At(PodSpec, "volumes"));
    public string? Replicas => Yaml.Str(Spec, "replicas");

    public Dictionary<string, object?> MainContainer =>
        Containers.FirstOrDefault() ?? throw new InvalidOperationException($"{Id} has no containers");

    /// <summary>Named container ports of every container: name to number.</summary>
    public Dictionary<string, string> NamedPorts =>
        Containers.SelectMany(c => Yaml.Maps(c.GetValueOrDefault("ports")))
            .Where(p => Yaml.Str(p, "name") != null)
            .GroupBy(p => Yaml.Str(p, "name")!)
            .ToDictionary(g => g.Key, g => Yaml.Str(g.First(), "containerPort") ?? "");

    /// <summary>True when every key=value of the selector is among the pod template's labels.</summary>
    public bool IsSelectedBy(IReadOnlyDictionary<string, string> selector) =>
        selector.Count > 0 && selector.All(kv => PodLabels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>The names the shared contract fixes (/work/contract.md at the time of writing).</summary>
public static class Contract
{
    public const string Namespace = "simgan";
    public const string ClusterName = "simgan";
    /// <summary>The Akka workloads, by component, and the roles each runs (SIMGAN_ROLES).</summary>
    public static readonly Dictionary<string, string> AkkaComponents = new()
    {
        ["coordinator"] = "coordinator", ["worker"] = "refiner,discriminator", ["buffer"] = "buffer", ["feeder"] = "feeder",
    };
    public static readonly string[] AkkaRoles = [.. AkkaComponents.Keys];
    public static readonly string[] Components = [.. AkkaRoles, "postgres"];
    /// <summary>The maths runs on the slice workers; the coordinator only adds their gradients up.</summary>
    public static readonly string[] GpuRoles = ["worker"];
    public static readonly Dictionary<string, string> Ports = new() { ["remoting"] = "4053", ["management"] = "8558", ["admin"] = "9110" };
    public static readonly string[] HoconFiles = ["base.conf", "single-node.conf", "cluster.conf", "sqlite.conf", "postgres.conf", "kubernetes.conf"];
    public static readonly string[] PreStop = ["/app/simgan", "ctl", "--node", "127.0.0.1:9110", "cluster", "leave", "self"];
    public const string Gpu = "nvidia.com/gpu";
}

/// <summary>The kustomizations under k8s/ and the objects they build (without running kustomize).</summary>
public static class K8s
{
    public const string Dir = "k8s";
    public const string Base = "k8s/base";
    public const string CpuOverlay = "k8s/overlays/cpu";
    public const string SecretTemplate = "k8s/secrets.example.yaml";

    public static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(Repo.PathOf(Dir), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Repo.Relative)
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> KustomizationDirs() =>
        YamlFiles().Where(f => Path.GetFileName(f) == "kustomization.yaml").Select(f => Path.GetDirectoryName(f)!.Replace('\\', '/'));

    public static Dictionary<string, object?> Kustomization(string dir) =>
        Yaml.Map(Yaml.LoadAll(Repo.ReadRequired($"{dir}/kustomization.yaml", "")).Single())
        ?? throw new InvalidOperationException($"{dir}/kustomization.yaml is not a mapping");

    /// <summary>Files named by patches[].path in any kustomization: JSON 6902 or strategic-merge patches, not objects.</summary>
    public static HashSet<string> PatchFiles() =>
        KustomizationDirs()
            .SelectMany(dir => Yaml.Maps(Kustomization(dir).GetValueOrDefault("patches"))
                .Select(p => Yaml.Str(p, "path")).OfType<string>()
                .Select(p => Normalize($"{dir}/{p}")))
            .ToHashSet();

    public static List<Manifest> Load(string file) =>
        Yaml.LoadAll(Repo.ReadRequired(file, "")).Select(d => new Manifest(file,
            Yaml.Map(d) ?? throw new InvalidOperationException($"{file}: a document is not a mapping"))).ToList();

    /// <summary>The objects of a kustomization's resources, recursively (generators and transformers not applied).</summary>
    public static List<Manifest> Resources(string dir)
    {
        var result = new List<Manifest>();
        foreach (string resource in Yaml.Seq(Kustomization(dir).GetValueOrDefault("resources")).OfType<string>())
        {
            string path = Normalize($"{dir}/{resource}");
            if (File.Exists(Repo.PathOf($"{path}/kustomization.yaml"))) result.AddRange(Resources(path));
            else result.AddRange(Load(path));
        }
        return result;
    }

    static readonly Lazy<List<Manifest>> baseObjects = new(() => Resources(Base));

    /// <summary>What `kubectl apply -k k8s/` creates, less the generated ConfigMap.</summary>
    public static List<Manifest> BaseObjects => baseObjects.Value;

    public static List<Workload> Workloads => BaseObjects.Where(m => m.IsWorkload).Select(m => m.AsWorkload()).ToList();

    public static Workload Workload(string name) =>
        Workloads.SingleOrDefault(w => w.Name == name) ?? throw new InvalidOperationException($"no workload named {name}");

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
