using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

/// <summary>Collapse is reported, ends the run, and keeps its refiner from being used.</summary>
public class TrainHealthTests
{
    /// <summary>A configuration that collapses within a few dozen steps: no self-regularisation and a learning rate
    /// so large that the refiner's tanh saturates and every refined image goes flat.</summary>
    static readonly string[] Collapsing =
    [
        "--synthetic", "eyes-synthetic:64", "--real", "eyes-real:64", "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1",
        "--batch-size", "8", "--pretrain-r-steps", "0", "--pretrain-d-steps", "0", "--k-g", "1", "--lambda", "0", "--lr-r", "0.05",
        "--sample-every", "10", "--checkpoint-every", "10", "--quiet",
    ];

    static List<JsonNode> Events(string run, string kind) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["event"] == kind).ToList();

    [Theory]
    [InlineData("local")]
    [InlineData("cluster")]
    public void A_collapsing_run_stops_with_exit_3_and_one_line_and_its_refiner_is_refused_by_refine(string engine)
    {
        string root = SimganProcess.Temp(), run = Path.Combine(root, "run");
        var trained = SimganProcess.Run(["train", "--engine", engine, "--out", run, "--steps", "200", .. Collapsing]);
        Assert.True(trained.ExitCode == 3, trained.ToString());
        var errors = trained.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("simgan:")).ToList();
        Assert.Single(errors);
        Assert.Contains("the refiner collapsed: refined images have lost their contrast", errors[0]);
        Assert.Contains("warning: step 10: refined images have lost their contrast", trained.Stderr);
        var health = Events(run, "health");
        Assert.Equal("collapsed", (string?)health[^1]["status"]);
        Assert.Equal("flat", (string?)health[^1]["problem"]);
        long stoppedAt = (long)health[^1]["step"]!;
        Assert.InRange(stoppedAt, 30, 60);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", $"step-{stoppedAt:D9}.sgck")), "the last state is checkpointed");

        string refined = Path.Combine(root, "refined");
        var refine = SimganProcess.Run("refine", "--model", run, "--input", "eyes-synthetic:100", "--out", refined, "--quiet");
        Assert.Equal(2, refine.ExitCode);
        Assert.Contains("is degenerate on the first 64 images", refine.Stderr);
        Assert.Single(refine.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(refined), "nothing is written");
        var forced = SimganProcess.Run("refine", "--model", run, "--input", "eyes-synthetic:10", "--out", refined, "--quiet", "--allow-degenerate");
        Assert.True(forced.ExitCode == 0, forced.ToString());
    }

    [Fact]
    public void With_on_collapse_continue_the_run_trains_to_the_end_and_still_exits_3_if_it_stays_collapsed()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run(["train", "--engine", "local", "--out", run, "--steps", "70", "--on-collapse", "continue", .. Collapsing]);
        Assert.Equal(3, trained.ExitCode);
        Assert.Contains("training goes on (--on-collapse continue)", trained.Stderr);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "step-000000070.sgck")));
    }

    [Fact]
    public void A_healthy_run_records_healthy_checks_and_exits_0()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run("train", "--engine", "local", "--out", run, "--steps", "20", "--synthetic", "eyes-synthetic:64",
            "--real", "eyes-real:64", "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1", "--batch-size", "8",
            "--pretrain-r-steps", "10", "--pretrain-d-steps", "2", "--k-g", "1", "--sample-every", "10", "--quiet",
            // Fast enough that 10 pretraining steps teach this tiny refiner to reproduce its input.
            "--lr-r", "2e-3");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var health = Events(run, "health");
        Assert.Equal(2, health.Count);
        Assert.All(health, h => Assert.Equal("healthy", (string?)h["status"]));
        Assert.DoesNotContain("warning", trained.Stderr);
    }

    [Fact]
    public void Every_run_ends_with_a_sample_sheet_at_four_times_the_image_size()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run("train", "--engine", "local", "--out", run, "--steps", "7", "--synthetic", "eyes-synthetic:64",
            "--real", "eyes-real:64", "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1", "--batch-size", "8",
            "--pretrain-r-steps", "3", "--pretrain-d-steps", "2", "--sample-every", "5", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        string last = Path.Combine(run, "samples", "step-000000007.png");
        Assert.True(File.Exists(last), "a sheet for the last step");
        var image = Data.Imaging.ImageDecoder.Decode(File.ReadAllBytes(last));
        // 8 columns (4 synthetic/refined pairs) by 2 rows of 55x35 patches, each pixel 4x4, with 4-pixel gaps.
        Assert.Equal(8 * 55 * 4 + 7 * 4, image.Width);
        Assert.Equal(2 * 35 * 4 + 4, image.Height);
    }
}
