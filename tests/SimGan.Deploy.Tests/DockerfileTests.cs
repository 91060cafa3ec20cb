using System.Text.RegularExpressions;
using System.Xml.Linq;
using SimGan.Deploy.Tests.Support;

namespace SimGan.Deploy.Tests;

/// <summary>k8s/Dockerfile: the base images, the user, the entrypoint, and that its COPY lines still fit the repository.</summary>
public partial class DockerfileTests
{
    static readonly string[] Lines = Repo.ReadRequired("k8s/Dockerfile", "").Split('\n').Select(l => l.Trim()).ToArray();

    static List<string[]> Stages()
    {
        var stages = new List<string[]>();
        var current = new List<string>();
        foreach (string line in Lines)
        {
            if (line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
            {
                if (current.Count > 0 && current[0].StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)) stages.Add([.. current]);
                current = [];
            }
            current.Add(line);
        }
        if (current.Count > 0 && current[0].StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)) stages.Add([.. current]);
        return stages;
    }

    static string Image(string[] stage) => stage[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    [Fact]
    public void The_runtime_image_is_aspnet_10_on_ubuntu_24_04_noble()
    {
        var stages = Stages();
        Assert.True(stages.Count >= 2, "expected a build stage and a runtime stage");
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", Image(stages[^1]));
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble", Image(stages[0]));
    }

    [Fact]
    public void The_runtime_stage_runs_app_simgan_as_uid_1000_with_the_hocon_files()
    {
        var runtime = Stages()[^1];
        Assert.Contains("ENTRYPOINT [\"/app/simgan\"]", runtime);
        Assert.Equal("USER 1000:1000", runtime.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Contains(runtime, l => l.StartsWith("COPY --from=", StringComparison.Ordinal) && l.EndsWith(" /app/", StringComparison.Ordinal));
        Assert.Contains("COPY hocon/ /app/hocon/", runtime);
        foreach (string port in Contract.Ports.Values)
            Assert.Contains(runtime, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal) && l.Split(' ').Contains(port));
    }

    [Fact]
    public void The_build_stage_publishes_the_cli_to_app()
    {
        Assert.Contains(Stages()[0], l => l.StartsWith("RUN dotnet publish src/SimGan.Cli -c Release -o /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_project_the_cli_needs_is_copied_for_the_restore_layer()
    {
        var copied = CsprojCopy().Matches(string.Join('\n', Lines)).Select(m => m.Groups[1].Value).ToHashSet();
        var needed = new HashSet<string>();
        var queue = new Queue<string>(["src/SimGan.Cli/SimGan.Cli.csproj"]);
        while (queue.TryDequeue(out var project))
        {
            if (!needed.Add(project)) continue;
            var xml = XDocument.Load(Repo.PathOf(project));
            foreach (var reference in xml.Descendants("ProjectReference"))
            {
                string include = reference.Attribute("Include")!.Value;
                queue.Enqueue(K8s.Normalize($"{Path.GetDirectoryName(project)!.Replace('\\', '/')}/{include}"));
            }
        }
        Assert.Equal(needed.Order(), copied.Order());
        Assert.All(copied, p => Assert.True(File.Exists(Repo.PathOf(p)), $"{p} does not exist"));
    }

    [Fact]
    public void The_cuda_swap_finds_the_package_reference_it_replaces()
    {
        // TORCH_BACKEND=cuda rewrites this exact text; if the project file changes, the swap must change with it.
        string dockerfile = string.Join('\n', Lines);
        const string reference = "<PackageReference Include=\"libtorch-cpu-linux-x64\" />";
        Assert.Contains(reference, dockerfile);
        Assert.Contains(reference, File.ReadAllText(Repo.PathOf("src/SimGan.Core/SimGan.Core.csproj")));
        Assert.Contains("<PackageVersion Include=\"libtorch-cpu-linux-x64\"", File.ReadAllText(Repo.PathOf("Directory.Packages.props")));
        string torchSharp = Regex.Match(File.ReadAllText(Repo.PathOf("Directory.Packages.props")),
            "<PackageVersion Include=\"TorchSharp\" Version=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"ARG TORCHSHARP_VERSION={torchSharp}", Lines);
    }

    [GeneratedRegex(@"^COPY (src/\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex CsprojCopy();
}
