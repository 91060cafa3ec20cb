using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

public class DemoCommandTests
{
    // Pretraining long and fast enough that the tiny refiner reproduces its input: refine refuses a degenerate one.
    static readonly string[] Tiny =
    [
        "--engine", "local", "--steps", "14", "--pretrain-r-steps", "10", "--pretrain-d-steps", "2", "--lr-r", "3e-3", "--batch-size", "4",
        "--refiner-width", "4", "--refiner-blocks", "1", "--buffer-size", "8", "--train-images", "12", "--test-images", "12",
        "--gaze-steps", "2", "--realism-steps", "2", "--quiet",
    ];

    [Fact]
    public void A_tiny_demo_trains_on_the_endless_stream_refines_its_first_images_and_reports_what_it_measured()
    {
        string root = Path.Combine(SimganProcess.Temp(), "demo");
        var result = SimganProcess.Run(["demo", "--out", root, "--refiner-images", "0", .. Tiny]);
        Assert.True(result.ExitCode == 0, result.ToString());
        // A quiet demo writes nothing to stderr: LibTorch once logged an NNPACK warning there for every convolution
        // on CPUs its detection does not know (this machine's Zen 5), thousands of lines per demo.
        Assert.True(result.Stderr.Trim().Length == 0, result.Stderr[..Math.Min(result.Stderr.Length, 500)]);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "run", "config.json")))!;
        Assert.Equal("eyes-synthetic?seed=1", (string)config["synthetic"]!);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(root, "refined", "images"), "*.png").Length);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "report.json")))!;
        double refinedError = (double)report["gaze"]!["refined"]!["mean_error_deg"]!;
        Assert.Contains($"trained on refined {refinedError:F2}°", result.Stdout);
        Assert.True(File.Exists(Path.Combine(root, "report.html")));

        // The report's sources name the exact images, so `evaluate` pairs them again and measures the same labels.
        var sources = report["config"]!["sources"]!;
        var again = SimganProcess.Run(["evaluate", "--synthetic", (string)sources["synthetic"]!, "--refined", (string)sources["refined"]!,
            "--real-test", (string)sources["real_test"]!, "--out", Path.Combine(root, "again"), "--seed", "7",
            "--gaze-steps", "2", "--realism-steps", "2", "--quiet"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        var labels = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "again", "report.json")))!["labels"]!;
        Assert.Equal(report["labels"]!.ToJsonString(), labels.ToJsonString());

        // Paired with other eyes (the same generator under another seed), evaluate refuses in one line.
        var otherEyes = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:12?seed=5", "--refined", (string)sources["refined"]!,
            "--real-test", (string)sources["real_test"]!, "--out", Path.Combine(root, "other"), "--quiet"]);
        Assert.Equal(2, otherEyes.ExitCode);
        Assert.Contains("not the same eyes", otherEyes.Stderr);
        Assert.Single(otherEyes.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_tiny_hand_demo_reports_pose_rows_realism_and_the_joint_shift()
    {
        string root = Path.Combine(SimganProcess.Temp(), "hand");
        var result = SimganProcess.Run("demo", "--task", "hand", "--out", root, "--engine", "local", "--steps", "40", "--pretrain-r-steps", "20",
            "--pretrain-d-steps", "5", "--train-images", "48", "--test-images", "24", "--pose-steps", "10", "--realism-steps", "5",
            "--data-multiplier", "2", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "report.json")))!;
        Assert.Equal("hand", (string)report["task"]!);
        Assert.Equal(96, (int)report["pose"]!["refined_kx"]!["train_images"]!); // the 2× rows train on all the refined images
        // docs/hand.md's figures are for these: the paper's D widths with the CPU refiner, λ = 3.
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "run", "config.json")))!["training"]!;
        Assert.Equal(1.0, (double)training["discriminator_scale"]!);
        Assert.Equal(3.0, (double)training["lambda"]!);
        Assert.Equal("cpu-hand", (string?)training["preset"]);
        foreach (var row in new[] { "synthetic", "refined", "synthetic_kx", "refined_kx" })
        {
            double within = (double)report["pose"]![row]!["within_5px"]!;
            Assert.InRange(within, 0, 1);
            Assert.Equal(21, report["pose"]![row]!["cumulative"]!.AsArray().Count);
            Assert.Equal(24, (int)report["pose"]![row]!["test_images"]!);
        }
        Assert.True((double)report["labels"]!["joint_shift_px_mean"]! >= 0);
        Assert.True((double)report["labels"]!["perfect_refiner_shift_px_mean"]! >= 0); // the built-in simulator can draw it
        Assert.True((double)report["labels"]!["synthetic_estimator"]!["joint_shift_px_mean"]! >= 0);
        Assert.Contains("a perfect refiner reads", result.Stdout);
        Assert.Contains("joints within 5 px on hands-real:24", result.Stdout);
        Assert.Equal(96, Directory.GetFiles(Path.Combine(root, "refined", "images"), "*.png").Length);
        var bad = SimganProcess.Run("demo", "--task", "hand", "--real", "folder:x", "--out", Path.Combine(SimganProcess.Temp(), "x"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--task hand", bad.Stderr);
    }

    static string Photographs(string split)
    {
        // Real MPIIGaze eye patches beside the clone (../shared/data/mpiigaze-144/README.md); never copied into the repository.
        string path = Path.GetFullPath(Path.Combine(SimganProcess.RepoRoot, "..", "shared", "data", "mpiigaze-144", split));
        Assert.True(Directory.Exists(path), $"{path} is missing: the shared data must sit beside the clone");
        return path;
    }

    [Fact]
    public void A_tiny_demo_toward_real_photographs_reports_realism_and_labels_and_says_gaze_needs_labels()
    {
        string root = Path.Combine(SimganProcess.Temp(), "demo");
        var result = SimganProcess.Run(["demo", "--out", root, "--real", $"folder:{Photographs("train")}", "--real-test", $"folder:{Photographs("heldout")}",
                                        "--checkpoint-every", "7", "--select-images", "9", .. Tiny]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("gaze error: not measured (the real test set has no gaze labels)", result.Stdout);
        Assert.Contains("(24 images, 4 folds)", result.Stdout); // 12 refined images against 12 of the 48 photographs
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "report.json")))!;
        Assert.False((bool)report["gaze_measured"]!);
        Assert.Equal(24, (int)report["realism"]!["refined_vs_real"]!["tested"]!);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "run", "config.json")))!;
        Assert.Equal("all", (string?)config["training"]!["augment"]);
        Assert.Equal("best", (string?)config["watch"]!["select"]);
        // The held-out photographs chose the exported refiner.
        Assert.True(File.Exists(Path.Combine(root, "run", "selection.json")));
        Assert.Equal(9, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(root, "run", "selection.json")))!["validation_images"]!);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "run", "refiner-best.safetensors")),
                     File.ReadAllBytes(Path.Combine(root, "run", "refiner.safetensors")));
    }

    [Fact]
    public void A_real_test_set_without_real_photographs_is_a_one_line_error()
    {
        var result = SimganProcess.Run(["demo", "--out", Path.Combine(SimganProcess.Temp(), "demo"), "--real-test", "eyes-real:10", .. Tiny]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--real-test goes with --real", result.Stderr);
    }

    [Fact]
    public void Validation_images_without_held_out_photographs_are_a_one_line_error()
    {
        var result = SimganProcess.Run(["demo", "--out", Path.Combine(SimganProcess.Temp(), "demo"), "--select-images", "500", .. Tiny]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--select-images goes with --real-test", result.Stderr);
    }

    [Fact]
    public void A_negative_refiner_image_count_is_a_one_line_error()
    {
        var result = SimganProcess.Run(["demo", "--out", Path.Combine(SimganProcess.Temp(), "demo"), "--refiner-images", "-1", .. Tiny]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("--refiner-images", result.Stderr);
    }
}
