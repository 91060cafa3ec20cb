using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>GPUs where the maths is (the slice workers) and nowhere in the CPU overlay.</summary>
public class GpuTests
{
    static bool WantsGpu(Workload w) =>
        w.Containers.Any(c => Yaml.At(c, "resources", "limits", Contract.Gpu) != null || Yaml.At(c, "resources", "requests", Contract.Gpu) != null);

    static bool MentionsGpu(Workload w) => Yaml.AllStrings(w.PodSpec).Any(s => s.Contains("nvidia.com/gpu", StringComparison.Ordinal));

    [Fact]
    public void Slice_workers_take_one_gpu_on_gpu_nodes()
    {
        var w = K8s.Workload("simgan-worker");
        Assert.Equal("1", Yaml.Str(w.MainContainer, "resources", "limits", Contract.Gpu));
        Assert.NotEmpty(Yaml.StringMap(Yaml.At(w.PodSpec, "nodeSelector")));
        Assert.Contains(Yaml.Maps(Yaml.At(w.PodSpec, "tolerations")), t => Yaml.Str(t, "key") == Contract.Gpu);
    }

    [Theory]
    [InlineData("simgan-coordinator")]
    [InlineData("simgan-buffer")]
    [InlineData("simgan-feeder")]
    [InlineData("simgan-postgres")]
    public void Cpu_roles_take_no_gpu(string name) => Assert.False(MentionsGpu(K8s.Workload(name)), $"{name} asks for a GPU");

    [Fact]
    public void The_cpu_overlay_leaves_no_gpu_request_selector_or_toleration()
    {
        var built = BuildCpuOverlay();
        var workloads = built.Where(m => m.IsWorkload).Select(m => m.AsWorkload()).ToList();
        Assert.Equal(K8s.Workloads.Count, workloads.Count);
        foreach (var w in workloads)
        {
            Assert.False(WantsGpu(w), $"{w.Id}: still asks for a GPU in the CPU overlay");
            Assert.False(MentionsGpu(w), $"{w.Id}: still mentions nvidia.com/gpu in the CPU overlay");
        }
        // What the patches leave alone stays: the workers still have their CPU and memory limits.
        var worker = workloads.Single(w => w.Name == "simgan-worker");
        Assert.NotNull(Yaml.Str(worker.MainContainer, "resources", "limits", "memory"));
    }

    [Fact]
    public void The_two_variants_run_different_builds_of_the_image()
    {
        string Tag(string dir) => Yaml.Maps(K8s.Kustomization(dir).GetValueOrDefault("images"))
            .Where(i => Yaml.Str(i, "name") == "simgan").Select(i => Yaml.Str(i, "newTag") ?? "").Single();
        Assert.Contains("cuda", Tag(K8s.Dir));
        Assert.Contains("cpu", Tag(K8s.CpuOverlay));
    }

    /// <summary>The overlay's resources with its JSON 6902 patches applied, as kustomize would.</summary>
    static List<Manifest> BuildCpuOverlay()
    {
        var overlay = K8s.Kustomization(K8s.CpuOverlay);
        var objects = K8s.Resources(K8s.CpuOverlay)
            .Select(m => m with { Doc = (Dictionary<string, object?>)Yaml.DeepClone(m.Doc)! }).ToList();
        var patches = Yaml.Maps(overlay.GetValueOrDefault("patches")).ToList();
        Assert.NotEmpty(patches);
        foreach (var patch in patches)
        {
            string kind = Yaml.Str(patch, "target", "kind") ?? throw new InvalidOperationException("patch without target.kind");
            string? name = Yaml.Str(patch, "target", "name");
            var targets = objects.Where(m => m.Kind == kind && (name == null || m.Name == name)).ToList();
            Assert.True(targets.Count > 0, $"patch target {kind}/{name} is not in the base");
            string path = Yaml.Str(patch, "path") ?? throw new InvalidOperationException("inline patches are not read by this test");
            var operations = Yaml.Maps(Yaml.LoadAll(File.ReadAllText(Repo.PathOf($"{K8s.CpuOverlay}/{path}"))).Single()).ToList();
            Assert.NotEmpty(operations);
            foreach (var target in targets) JsonPatch.Apply(target.Doc, operations);
        }
        return objects;
    }
}
