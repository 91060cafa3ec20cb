using System.Diagnostics;

namespace SimGan.Cli.Tests.Launcher;

/// <summary>
/// ./simgan builds only when an input of the build changed: even a no-op incremental build cost seconds per call.
/// The script runs in a copy of the repository's layout with a stand-in `dotnet` that logs what it is asked to do.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class LauncherScriptTests
{
    readonly string root = SimganProcess.Temp();
    readonly string log;

    public LauncherScriptTests()
    {
        File.Copy(Path.Combine(SimganProcess.RepoRoot, "simgan"), Path.Combine(root, "simgan"));
        File.SetUnixFileMode(Path.Combine(root, "simgan"), (UnixFileMode)0b111_101_101);
        foreach (var dir in new[] { "src/SimGan.Cli", "src/SimGan.Core", "build", "hocon", "fake-bin" }) Directory.CreateDirectory(Path.Combine(root, dir));
        File.WriteAllText(Path.Combine(root, "src/SimGan.Core/Tensor.cs"), "// source");
        File.WriteAllText(Path.Combine(root, "hocon/base.conf"), "a = 1");
        log = Path.Combine(root, "dotnet.log");
        // The stand-in: "build" writes the CLI's dll; anything else is the CLI being run.
        string fake = Path.Combine(root, "fake-bin", "dotnet");
        File.WriteAllText(fake, $"""
            #!/usr/bin/env bash
            echo "$1" >> '{log}'
            if [[ $1 == build ]]; then mkdir -p '{root}/src/SimGan.Cli/bin/Release/net10.0' && touch '{root}/src/SimGan.Cli/bin/Release/net10.0/simgan.dll'; fi
            """);
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
    }

    string[] Calls() => File.Exists(log) ? File.ReadAllLines(log).Select(l => l.EndsWith("simgan.dll") ? "run" : l).ToArray() : [];

    void Simgan(string? backend = null)
    {
        var info = new ProcessStartInfo(Path.Combine(root, "simgan"), "--help") { UseShellExecute = false, RedirectStandardError = true };
        info.Environment["PATH"] = Path.Combine(root, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        if (backend is null) info.Environment.Remove("SIMGAN_TORCH_BACKEND");
        else info.Environment["SIMGAN_TORCH_BACKEND"] = backend;
        using var process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
    }

    static void Later(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));

    [Fact]
    public void The_first_call_builds_and_a_second_without_changes_only_runs()
    {
        Simgan();
        Simgan();
        Assert.Equal(["build", "run", "run"], Calls());
    }

    [Theory]
    [InlineData("src/SimGan.Core/Tensor.cs")]
    [InlineData("hocon/base.conf")]
    [InlineData("Directory.Packages.props")]
    public void A_changed_input_of_the_build_builds_again(string input)
    {
        Simgan();
        string path = Path.Combine(root, input);
        if (!File.Exists(path)) File.WriteAllText(path, "<Project />");
        Later(path);
        Simgan();
        Assert.Equal(["build", "run", "build", "run"], Calls());
    }

    [Fact]
    public void Another_torch_backend_builds_again_and_the_same_one_does_not()
    {
        Simgan();
        Simgan("cuda");
        Simgan("cuda");
        Simgan("cpu");   // the default, as the first call: built for cuda since, so it builds again
        Assert.Equal(["build", "run", "build", "run", "run", "build", "run"], Calls());
    }

    [Fact]
    public void Build_outputs_do_not_count_as_changes()
    {
        Simgan();
        string output = Path.Combine(root, "src/SimGan.Core/obj/Release/x.cache");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "");
        Later(output);
        Simgan();
        Assert.Equal(["build", "run", "run"], Calls());
    }
}
