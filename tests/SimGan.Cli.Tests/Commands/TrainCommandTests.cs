using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

public class TrainCommandTests
{
    static readonly string[] Tiny =
    [
        "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1",
        "--batch-size", "4", "--pretrain-r-steps", "3", "--pretrain-d-steps", "2", "--k-g", "2", "--buffer-size", "8",
        "--sample-every", "5", "--checkpoint-every", "5", "--quiet",
    ];

    /// <summary>metrics.jsonl's step lines; health and selection events share the file.</summary>
    static List<JsonNode> StepLines(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).Where(l => l["event"] is null).ToList();

    [Fact]
    public void Train_writes_the_run_folder_and_resume_continues_to_the_new_budget()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var first = SimganProcess.Run(["train", "--out", run, "--steps", "10", .. Tiny]);
        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var f in new[] { "config.json", "metrics.jsonl", "refiner.safetensors", "samples/step-000000005.png", "checkpoints/step-000000010.sgck" })
            Assert.True(File.Exists(Path.Combine(run, f)), $"missing {f}");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard")));
        var lines = StepLines(run);
        Assert.Equal(Enumerable.Range(0, 10), lines.Select(l => (int)l["step"]!));
        Assert.Equal("pretrain_r", (string)lines[0]["phase"]!);
        Assert.Equal("adversarial", (string)lines[^1]["phase"]!);
        foreach (var key in new[] { "loss_d", "loss_r_adv", "loss_r_reg", "images_per_s", "k_g" }) Assert.True(lines[^1].AsObject().ContainsKey(key), key);

        var resumed = SimganProcess.Run("train", "--out", run, "--resume", "--steps", "14", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(14, StepLines(run).Count);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "step-000000014.sgck")));
    }

    [Fact]
    public void Resume_refuses_to_change_anything_but_the_step_budget()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        Assert.Equal(0, SimganProcess.Run(["train", "--out", run, "--steps", "4", .. Tiny]).ExitCode);
        var changed = SimganProcess.Run("train", "--out", run, "--resume", "--lambda", "3", "--quiet");
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("only --steps and --precision may change", changed.Stderr);
    }

    [Fact]
    public void A_corrupted_newest_checkpoint_is_skipped_with_a_warning()
    {
        // The local engine resumes from the run folder's files (the cluster engine from its store: see the cluster tests).
        string run = Path.Combine(SimganProcess.Temp(), "run");
        Assert.Equal(0, SimganProcess.Run(["train", "--engine", "local", "--out", run, "--steps", "10", .. Tiny]).ExitCode);
        string newest = Path.Combine(run, "checkpoints", "step-000000010.sgck");
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(newest, bytes);
        var resumed = SimganProcess.Run("train", "--engine", "local", "--out", run, "--resume", "--steps", "12", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("step-000000010.sgck fails its checksum", resumed.Stderr);
        // Resumed from step 5: the metrics of the lost steps 5..9 are replaced, not duplicated.
        var steps = StepLines(run).Select(l => (int)l["step"]!);
        Assert.Equal(Enumerable.Range(0, 12), steps);
    }

    [Fact]
    public void A_corrupt_image_is_skipped_and_listed_and_strict_mode_stops_at_it()
    {
        string root = SimganProcess.Temp(), data = Path.Combine(root, "synthetic");
        Assert.Equal(0, SimganProcess.Run("simulate", "--domain", "eyes-synthetic", "--count", "120", "--out", data).ExitCode);
        string victim = Directory.GetFiles(Path.Combine(data, "images"), "*.png").Order().ElementAt(7);
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..40]);
        string[] args = ["train", "--synthetic", $"folder:{data}", "--real", "eyes-real", "--steps", "40", "--pretrain-r-steps", "40",
                         "--preset", "cpu-gaze", "--refiner-width", "4", "--refiner-blocks", "1", "--batch-size", "4", "--buffer-size", "4", "--quiet"];

        var tolerant = SimganProcess.Run([.. args, "--out", Path.Combine(root, "run")]);
        Assert.True(tolerant.ExitCode == 0, tolerant.ToString());
        string list = File.ReadAllText(Path.Combine(root, "run", "bad-samples.txt"));
        Assert.Contains(Path.GetFileName(victim), list);

        var strict = SimganProcess.Run([.. args, "--out", Path.Combine(root, "strict"), "--strict"]);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains(Path.GetFileName(victim), strict.Stderr);
        Assert.Single(strict.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("nosuch:thing", "unknown")]
    [InlineData("folder:/definitely/not/here", "not/here")]
    public void Bad_dataset_specs_give_one_line_and_exit_2(string spec, string expected)
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var result = SimganProcess.Run("train", "--out", run, "--synthetic", spec, "--real", "eyes-real", "--steps", "2", "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(run, "config.json")), "nothing may be written for a bad spec");
    }

    [Theory]
    [InlineData("--batch-size", "3", "even")]
    [InlineData("--k-g", "0", "--k-g")]
    [InlineData("--preset", "huge", "--preset")]
    [InlineData("--refiner-noise", "17", "--refiner-noise")]
    [InlineData("--precision", "fp8", "--precision")]
    public void Bad_options_give_one_line_and_exit_2(string option, string value, string expected)
    {
        var result = SimganProcess.Run(["train", "--out", Path.Combine(SimganProcess.Temp(), "run"), .. Without(Tiny, option), option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void Parse_errors_are_one_line_with_exit_2()
    {
        var result = SimganProcess.Run("train", "--out", "x", "--steps", "many");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("--help", result.Stderr);
    }

    static string[] Without(string[] args, string option)
    {
        int i = Array.IndexOf(args, option);
        return i < 0 ? args : [.. args[..i], .. args[(i + 2)..]];
    }

    [Fact]
    public void Every_verb_has_help()
    {
        foreach (var verb in new[] { "train", "refine", "simulate", "demo" })
        {
            var help = SimganProcess.Run(verb, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("--out", help.Stdout);
        }
    }
}
