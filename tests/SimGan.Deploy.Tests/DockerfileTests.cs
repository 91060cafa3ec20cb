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
    public void The_image_picks_its_libtorch_with_the_build_property_on_restore_and_publish_and_edits_no_file()
    {
        Assert.Contains(Lines, l => l.StartsWith("RUN dotnet restore ") && l.Contains("-p:TorchBackend=${TORCH_BACKEND}"));
        Assert.Contains(Lines, l => l.StartsWith("RUN dotnet publish ") && l.Contains("-p:TorchBackend=${TORCH_BACKEND}"));
        Assert.DoesNotContain(Lines, l => l.Contains("sed "));
    }

    [Theory]
    [InlineData("cpu", "libtorch-cpu-linux-x64")]
    [InlineData("cuda", "TorchSharp-cuda-linux")]
    public void The_backend_property_selects_one_libtorch_package_with_a_central_version(string backend, string package)
    {
        // MSBuild's own evaluation of the project (no restore: the CUDA packages are not served to this machine).
        var references = PackageReferences("-p:TorchBackend=" + backend);
        Assert.Contains(package, references);
        Assert.Contains("TorchSharp", references);
        Assert.Single(references, r => r.StartsWith("libtorch", StringComparison.Ordinal) || r.StartsWith("TorchSharp-", StringComparison.Ordinal));
        Assert.Contains($"<PackageVersion Include=\"{package}\"", File.ReadAllText(Repo.PathOf("Directory.Packages.props")));
    }

    static List<string> PackageReferences(string property)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "msbuild", Repo.PathOf("src/SimGan.Core/SimGan.Core.csproj"), "-getItem:PackageReference", property, "-nologo" })
            info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(120_000);
        Assert.True(p.ExitCode == 0, $"dotnet msbuild exited {p.ExitCode}: {output}{p.StandardError.ReadToEnd()}");
        return System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("PackageReference")
            .EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToList();
    }

    [GeneratedRegex(@"^COPY (src/\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex CsprojCopy();
}
