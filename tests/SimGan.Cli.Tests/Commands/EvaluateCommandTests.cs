using System.Text.Json.Nodes;
using SimGan.Data.Eyes;
using SimGan.Data.Imaging;

namespace SimGan.Cli.Tests.Commands;

public class EvaluateCommandTests
{
    static readonly string[] Tiny = ["--gaze-steps", "2", "--realism-steps", "2", "--quiet"];

    /// <summary>
    /// What a user's own real photographs look like: camera-like eyes saved as plain PNG files in one folder, with no
    /// labels.jsonl beside them.
    /// </summary>
    static string UnlabelledPhotographs(int count)
    {
        string folder = SimganProcess.Temp();
        var camera = new EyeDataset(EyeDomain.Real, count, seed: 4);
        var image = new float[camera.Shape.Pixels];
        for (long i = 0; i < count; i++)
        {
            camera.ReadImage(i, image);
            PngImage.Write(Path.Combine(folder, $"photo-{i:D2}.png"), image, camera.Shape);
        }
        return folder;
    }

    [Fact]
    public void Unlabelled_real_photographs_get_realism_and_label_figures_and_no_gaze_numbers()
    {
        string report = SimganProcess.Temp();
        var result = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:12", "--refined", "equalize:eyes-synthetic:12",
            "--real-test", $"folder:{UnlabelledPhotographs(8)}", "--out", report, "--realism-images", "8", .. Tiny]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "report.json")))!;
        Assert.False(json["gaze_measured"]!.GetValue<bool>());
        Assert.Equal("the real test set has no gaze labels", json["gaze_skipped_reason"]!.GetValue<string>());
        Assert.All(json["gaze"]!.AsObject(), row => Assert.Null(row.Value));
        Assert.DoesNotContain(json["timings_s"]!.AsObject(), stage => stage.Key.StartsWith("gaze", StringComparison.Ordinal));
        Assert.Equal(8, json["realism"]!["synthetic_vs_real"]!["tested"]!.GetValue<int>());
        Assert.Contains("gaze error on real images: not measured (the real test set has no gaze labels)", result.Stdout);
        Assert.DoesNotContain("°", result.Stdout);
        Assert.Contains("realism accuracy: synthetic vs real", result.Stdout);
        Assert.Contains("gaze error needs a labelled real test set", File.ReadAllText(Path.Combine(report, "report.html")));
    }

    [Fact]
    public void The_shared_MPIIGaze_photographs_without_labels_get_a_cross_validated_realism_test()
    {
        // 48 real eye patches with no labels.jsonl (../shared/data/mpiigaze-144/README.md): what users bring. Missing
        // data fails this test; it is not skipped.
        string heldout = Path.GetFullPath(Path.Combine(SimganProcess.RepoRoot, "..", "shared", "data", "mpiigaze-144", "heldout"));
        Assert.True(Directory.Exists(heldout), $"{heldout} is missing: this test needs the shared development data");
        string report = SimganProcess.Temp();

        var result = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:48", "--refined", "equalize:eyes-synthetic:48",
            "--real-test", $"folder:{heldout}", "--out", report, "--realism-folds", "4", .. Tiny]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "report.json")))!;
        Assert.False(json["gaze_measured"]!.GetValue<bool>());
        Assert.Equal($"folder:{heldout}", json["config"]!["sources"]!["real_test"]!.GetValue<string>());
        Assert.Equal(4, json["config"]!["realism"]!["folds"]!.GetValue<int>());
        foreach (string comparison in new[] { "synthetic_vs_real", "refined_vs_real" })
        {
            // Every one of the 48 photographs and of 48 synthetic (or refined) images is tested once.
            Assert.Equal(96, json["realism"]![comparison]!["tested"]!.GetValue<int>());
            Assert.Equal(4, json["realism"]![comparison]!["folds"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Realism_folds_are_in_the_help_and_zero_folds_is_a_one_line_error()
    {
        var help = SimganProcess.Run("evaluate", "--help");
        Assert.Contains("--realism-folds", help.Stdout);
        Assert.Contains("K-fold cross-validation", help.Stdout);

        var zero = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:12", "--refined", "eyes-synthetic:12",
            "--real-test", "eyes-real:12", "--out", SimganProcess.Temp(), "--realism-folds", "0", .. Tiny]);
        Assert.Equal(2, zero.ExitCode);
        Assert.Single(zero.Stderr.Trim().Split('\n'));
        Assert.Contains("at least 1 fold", zero.Stderr);
    }

    [Fact]
    public void A_real_training_set_beside_unlabelled_real_photographs_is_a_one_line_error()
    {
        var result = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:12", "--refined", "eyes-synthetic:12",
            "--real-test", $"folder:{UnlabelledPhotographs(4)}", "--real-train", "eyes-real:12", "--out", SimganProcess.Temp(), .. Tiny]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("--real-train needs a gaze-labelled --real-test", result.Stderr);
        Assert.Empty(result.Stdout.Trim());
    }

    [Fact]
    public void A_damaged_checkpoint_given_as_the_model_is_a_one_line_error()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run("train", "--engine", "local", "--out", run, "--synthetic", "eyes-synthetic:16", "--real", "eyes-real:16",
            "--preset", "cpu-gaze", "--refiner-width", "4", "--refiner-blocks", "1", "--batch-size", "4", "--buffer-size", "8", "--steps", "4",
            "--pretrain-r-steps", "2", "--pretrain-d-steps", "1", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        string checkpoint = Path.Combine(run, "checkpoints", "step-000000004.sgck");
        var bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(checkpoint, bytes);

        var result = SimganProcess.Run(["evaluate", "--synthetic", "eyes-synthetic:8", "--model", checkpoint, "--real-test", "eyes-real:8",
                                        "--out", SimganProcess.Temp(), .. Tiny]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("fails its checksum", result.Stderr);
    }
}
