using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

public class RefineCommandTests
{
    static string TrainTinyRun(string seed = "1")
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        // Pretrained long and fast enough to reproduce its input: refine refuses a degenerate refiner.
        var trained = SimganProcess.Run("train", "--out", run, "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--steps", "14",
            "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1", "--batch-size", "4", "--buffer-size", "8",
            "--pretrain-r-steps", "12", "--pretrain-d-steps", "1", "--lr-r", "3e-3", "--seed", seed, "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        return run;
    }

    [Fact]
    public void Refine_writes_every_image_with_its_labels_unchanged_and_skips_done_work()
    {
        string run = TrainTinyRun();
        string root = SimganProcess.Temp();
        string source = Path.Combine(root, "source"), refined = Path.Combine(root, "refined");
        Assert.Equal(0, SimganProcess.Run("simulate", "--domain", "eyes-synthetic", "--count", "20", "--seed", "5", "--out", source).ExitCode);

        var first = SimganProcess.Run("refine", "--model", run, "--input", $"folder:{source}", "--out", refined, "--batch-size", "8", "--quiet");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(20, Directory.GetFiles(Path.Combine(refined, "images"), "*.png").Length);

        var originalLabels = ReadLabels(Path.Combine(source, "labels.jsonl"));
        var refinedLabels = ReadLabels(Path.Combine(refined, "labels.jsonl"));
        Assert.Equal(originalLabels.Keys.Order(), refinedLabels.Keys.Order());
        foreach (var (file, labels) in originalLabels)
            Assert.True(JsonNode.DeepEquals(labels, refinedLabels[file]), $"labels of {file} changed");

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(refined, "manifest.json")))!;
        Assert.Equal(20, (int)manifest["count"]!);
        Assert.True((bool)manifest["complete"]!);
        Assert.StartsWith("sha256:", (string)manifest["model_checksum"]!);

        var second = SimganProcess.Run("refine", "--model", run, "--input", $"folder:{source}", "--out", refined, "--quiet");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("refined 0 images (20 already done)", second.Stdout);
    }

    [Fact]
    public void Refining_into_a_folder_of_another_model_is_refused()
    {
        string refined = Path.Combine(SimganProcess.Temp(), "refined");
        Assert.Equal(0, SimganProcess.Run("refine", "--model", TrainTinyRun("1"), "--input", "eyes-synthetic:4", "--out", refined, "--quiet").ExitCode);
        var other = SimganProcess.Run("refine", "--model", TrainTinyRun("2"), "--input", "eyes-synthetic:4", "--out", refined, "--quiet");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("refine into another folder", other.Stderr);
    }

    [Fact]
    public void Missing_model_and_endless_input_are_one_line_errors()
    {
        var missing = SimganProcess.Run("refine", "--model", "/no/such/run", "--input", "eyes-synthetic:4", "--out", SimganProcess.Temp());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("/no/such/run", missing.Stderr);

        var endless = SimganProcess.Run("refine", "--model", TrainTinyRun(), "--input", "eyes-synthetic", "--out", SimganProcess.Temp());
        Assert.Equal(2, endless.ExitCode);
        Assert.Contains("endless", endless.Stderr);
    }

    static Dictionary<string, JsonNode> ReadLabels(string path) =>
        File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).ToDictionary(n => (string)n["file"]!, n => n);
}
