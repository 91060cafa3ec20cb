using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

/// <summary>Model selection: every checkpoint scored against held-out real images, the best one exported.</summary>
public class TrainSelectionTests
{
    static readonly string[] Tiny =
    [
        "--synthetic", "eyes-synthetic:64", "--real", "eyes-real:64", "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1",
        "--batch-size", "8", "--pretrain-r-steps", "10", "--pretrain-d-steps", "2", "--k-g", "1", "--sample-every", "5", "--lr-r", "2e-3",
        "--checkpoint-every", "5", "--select-images", "24", "--quiet",
    ];

    [Fact]
    public void Select_best_scores_every_checkpoint_and_exports_the_best_one_keeping_the_last_beside_it()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run(["train", "--engine", "local", "--out", run, "--steps", "20", "--select", "best",
                                         "--select-real", "eyes-real:30?seed=9", .. Tiny]);
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var scored = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Where(l => (string?)l["event"] == "selection").ToList();
        Assert.Equal([5L, 10, 15, 20], scored.Select(l => (long)l["step"]!));
        Assert.All(scored, l => Assert.NotNull(l["realism_mmd"]));
        var selection = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "selection.json")))!;
        long best = (long)selection["best"]!["step"]!;
        Assert.Equal(best, (long)scored.Last(l => (bool)l["best"]!)["step"]!);
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "refiner-best.safetensors")), File.ReadAllBytes(Path.Combine(run, "refiner.safetensors")));
        Assert.True(File.Exists(Path.Combine(run, "refiner-last.safetensors")));
        Assert.Contains("lowest kernel distance", (string?)selection["rule"]);
    }

    [Fact]
    public void Select_best_without_held_out_real_images_is_a_one_line_error()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run(["train", "--engine", "local", "--out", run, "--steps", "5", "--select", "best", .. Tiny]);
        Assert.Equal(2, trained.ExitCode);
        Assert.Contains("--select best needs held-out real images", trained.Stderr);
        Assert.False(File.Exists(Path.Combine(run, "config.json")));
    }
}
