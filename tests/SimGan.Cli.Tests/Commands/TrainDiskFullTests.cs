using System.Diagnostics;
using SimGan.Core.Checkpoints;

namespace SimGan.Cli.Tests.Commands;

/// <summary>
/// The disk fills up during a checkpoint (a 2.5 MB tmpfs, mounted by the test: it needs root, as the network
/// namespace tests do): one line naming the checkpoint, a non-zero exit, no half-written file, and the checkpoints
/// written before it still load. Both engines.
/// </summary>
public sealed class TrainDiskFullTests : IDisposable
{
    readonly string mount = Directory.CreateTempSubdirectory("simgan-full-").FullName;

    public TrainDiskFullTests()
    {
        var (code, output) = Command("mount", "-t", "tmpfs", "-o", "size=2500k", "tmpfs", mount);
        Assert.True(code == 0, $"mounting a small tmpfs failed (this test needs root): {output}");
    }

    public void Dispose()
    {
        Command("umount", "-l", mount);
        try { Directory.Delete(mount, recursive: true); } catch (IOException) { }
    }

    static (int Code, string Output) Command(params string[] args)
    {
        var info = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args[1..]) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit(30_000);
        return (p.ExitCode, output);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cluster")]
    public void A_full_disk_during_a_checkpoint_is_one_line_and_leaves_the_earlier_checkpoints_loadable(string engine)
    {
        string run = Path.Combine(mount, "run");
        var result = SimganProcess.Run(TimeSpan.FromMinutes(3),
            "train", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--preset", "cpu-gaze", "--steps", "200",
            "--pretrain-r-steps", "10", "--pretrain-d-steps", "5", "--batch-size", "8", "--buffer-size", "16", "--checkpoint-every", "20",
            "--quiet", "--admin-port", "0", "--engine", engine, "--out", run);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, not 1:\n{result}");
        var line = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith("simgan:", StringComparison.Ordinal));
        Assert.Contains("could not write the checkpoint", line);
        Assert.Contains("No space left on device", line);
        Assert.DoesNotContain("   at ", result.Stderr);   // no stack trace
        var files = Directory.GetFiles(Path.Combine(run, "checkpoints"));
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.NotEmpty(files);
        foreach (var file in files) Assert.NotEmpty(CheckpointFile.Read(file));
    }
}
