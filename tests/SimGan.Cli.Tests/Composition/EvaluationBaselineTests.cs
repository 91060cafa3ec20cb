using System.Text.Json.Nodes;
using SimGan.Cli.Composition;
using SimGan.Cli.Tests.Commands;
using SimGan.Data.Datasets;

namespace SimGan.Cli.Tests.Composition;

public class EvaluationBaselineTests
{
    /// <summary>A refined-looking folder (a few simulated images) with the given manifest text, or none.</summary>
    static IDataset RefinedFolder(string? manifest)
    {
        string folder = SimganProcess.Temp();
        var simulated = SimganProcess.Run("simulate", "--domain", "eyes-synthetic", "--count", "3", "--out", folder);
        Assert.True(simulated.ExitCode == 0, simulated.ToString());
        if (manifest is not null) File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest);
        return DatasetSpec.Open($"folder:{folder}");
    }

    [Fact]
    public void Images_from_an_equalising_refiner_are_compared_with_equalised_synthetic_images()
    {
        var synthetic = DatasetSpec.Open("eyes-synthetic:3");
        var (baseline, note) = EvaluationBaseline.For(synthetic, RefinedFolder("""{"output_stage": "histogram-equalization"}"""));
        Assert.Equal("equalize:eyes-synthetic:3", baseline.Spec);
        Assert.Contains("equalize:eyes-synthetic:3", note);
    }

    [Fact]
    public void Other_refined_sets_keep_the_synthetic_set_as_given()
    {
        var synthetic = DatasetSpec.Open("eyes-synthetic:3");
        // A refiner without the stage, a folder from before manifests named it, a set that is not a folder, and a
        // baseline the user already equalised.
        Assert.Same(synthetic, EvaluationBaseline.For(synthetic, RefinedFolder("""{"output_stage": "none"}""")).Baseline);
        Assert.Same(synthetic, EvaluationBaseline.For(synthetic, RefinedFolder("""{"count": 3}""")).Baseline);
        Assert.Same(synthetic, EvaluationBaseline.For(synthetic, RefinedFolder(null)).Baseline);
        Assert.Same(synthetic, EvaluationBaseline.For(synthetic, DatasetSpec.Open("eyes-real:3")).Baseline);
        var equalised = DatasetSpec.Open("equalize:eyes-synthetic:3");
        var (kept, note) = EvaluationBaseline.For(equalised, RefinedFolder("""{"output_stage": "histogram-equalization"}"""));
        Assert.Same(equalised, kept);
        Assert.Null(note);
    }

    [Fact]
    public void A_manifest_that_is_not_json_is_refused_naming_the_file()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            EvaluationBaseline.For(DatasetSpec.Open("eyes-synthetic:3"), RefinedFolder("{not json")));
        Assert.Contains("manifest.json", error.Message);
    }

    [Fact]
    public void Train_refine_and_evaluate_carry_the_equalising_stage_end_to_end()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run("train", "--out", run, "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--steps", "6",
            "--preset", "cpu-gaze", "--refiner-width", "8", "--refiner-blocks", "1", "--batch-size", "4", "--buffer-size", "8",
            "--pretrain-r-steps", "2", "--pretrain-d-steps", "1", "--equalize-output", "--engine", "local", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.True((bool)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["training"]!["equalize_output"]!);

        string refined = Path.Combine(SimganProcess.Temp(), "refined");
        var refining = SimganProcess.Run("refine", "--model", run, "--input", "eyes-synthetic:6", "--out", refined, "--quiet");
        Assert.True(refining.ExitCode == 0, refining.ToString());
        Assert.Equal("histogram-equalization", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(refined, "manifest.json")))!["output_stage"]!);
        // Refined images leave through equalisation: each spreads over the whole 0-255 range.
        var set = DatasetSpec.Open($"folder:{refined}");
        var image = new float[set.Shape.Pixels];
        set.ReadImage(0, image);
        Assert.Equal((0f, 1f), (image.Min(), image.Max()));

        string report = SimganProcess.Temp();
        var evaluated = SimganProcess.Run("evaluate", "--synthetic", "eyes-synthetic:6", "--refined", $"folder:{refined}",
            "--real-test", "eyes-real:6", "--out", report, "--gaze-steps", "2", "--realism-steps", "2", "--realism-images", "6", "--quiet");
        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        Assert.Contains("note: the refiner equalises its output", evaluated.Stdout);
        var sources = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "report.json")))!["config"]!["sources"]!;
        Assert.Equal("equalize:eyes-synthetic:6", (string)sources["synthetic"]!);

        // Bad input still gets exactly one line: the note comes with the figures, never before an error.
        var otherEyes = SimganProcess.Run("evaluate", "--synthetic", "eyes-synthetic:6?seed=9", "--refined", $"folder:{refined}",
            "--real-test", "eyes-real:6", "--out", SimganProcess.Temp(), "--quiet");
        Assert.Equal(2, otherEyes.ExitCode);
        Assert.Single(otherEyes.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("note:", otherEyes.Stdout);
    }
}
