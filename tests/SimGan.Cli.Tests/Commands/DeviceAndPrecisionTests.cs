using System.Text.Json.Nodes;

namespace SimGan.Cli.Tests.Commands;

/// <summary>Every verb that runs the networks takes --device (cpu here) and --precision (bf16 here), and refuses what this build cannot do.</summary>
public class DeviceAndPrecisionTests
{
    // As the demo trains: the output equalised, so that the tiny refiner's images keep their contrast (refine and
    // evaluate refuse a degenerate refiner).
    static readonly string[] TinyTraining =
    [
        "--steps", "14", "--pretrain-r-steps", "10", "--pretrain-d-steps", "2", "--lr-r", "3e-3", "--batch-size", "4",
        "--refiner-width", "4", "--refiner-blocks", "1", "--buffer-size", "8", "--equalize-output", "--quiet",
    ];

    static string TrainedInBf16()
    {
        string run = Path.Combine(SimganProcess.Temp(), "run");
        var trained = SimganProcess.Run(["train", "--engine", "local", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--out", run,
                                         "--device", "cpu", "--precision", "bf16", .. TinyTraining]);
        Assert.True(trained.ExitCode == 0, trained.ToString());
        return run;
    }

    [Fact]
    public void Train_in_bf16_records_it_and_resumes_in_fp32_on_both_engines()
    {
        string run = TrainedInBf16();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        Assert.Equal("bf16", (string)config["training"]!["precision"]!);
        var resumed = SimganProcess.Run("train", "--engine", "local", "--out", run, "--resume", "--steps", "16", "--precision", "fp32", "--device", "cpu", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("fp32", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["training"]!["precision"]!);

        string cluster = Path.Combine(SimganProcess.Temp(), "cluster");
        var onCluster = SimganProcess.Run(["train", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--out", cluster, "--admin-port", "0",
                                           "--device", "cpu", "--precision", "bf16", .. TinyTraining]);
        Assert.True(onCluster.ExitCode == 0, onCluster.ToString());
    }

    [Fact]
    public void Refine_evaluate_demo_and_bench_take_a_device_and_bf16()
    {
        string run = TrainedInBf16();
        string refined = Path.Combine(SimganProcess.Temp(), "refined");
        var refine = SimganProcess.Run("refine", "--model", run, "--input", "eyes-synthetic:8", "--out", refined, "--device", "cpu", "--precision", "bf16", "--quiet");
        Assert.True(refine.ExitCode == 0, refine.ToString());
        Assert.Equal(8, Directory.GetFiles(Path.Combine(refined, "images"), "*.png").Length);

        var evaluate = SimganProcess.Run("evaluate", "--synthetic", "eyes-synthetic:8", "--model", run, "--real-test", "eyes-real:8",
                                         "--out", SimganProcess.Temp(), "--device", "cpu", "--precision", "bf16", "--gaze-steps", "2", "--realism-steps", "2", "--quiet");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());

        var demo = SimganProcess.Run(["demo", "--out", Path.Combine(SimganProcess.Temp(), "demo"), "--engine", "local", "--device", "cpu", "--precision", "bf16",
                                      "--train-images", "12", "--test-images", "12", "--gaze-steps", "2", "--realism-steps", "2", .. TinyTraining]);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var bench = SimganProcess.Run("bench", "--device", "cpu", "--precision", "both", "--preset", "cpu-gaze", "--batch-sizes", "2",
                                      "--iterations", "1", "--warmup", "0", "--layout", "channels-last", "--quiet");
        Assert.True(bench.ExitCode == 0, bench.ToString());
        Assert.Contains("computing on cpu", bench.Stdout);
        Assert.Contains("bf16 R+D step against fp32, channels-last", bench.Stdout);
    }

    [Fact]
    public void Deterministic_kernels_run_every_operator_of_a_step_and_change_no_bit_on_the_cpu()
    {
        // LibTorch refuses, under deterministic algorithms, any operator that has no deterministic implementation.
        string Train(params string[] extra)
        {
            string run = Path.Combine(SimganProcess.Temp(), "run");
            var result = SimganProcess.Run(["train", "--engine", "local", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--out", run,
                                            "--augment", "all", "--self-regularization", "blur:1", .. extra, .. TinyTraining]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return Path.Combine(run, "checkpoints", "step-000000014.sgck");
        }
        Assert.Equal(File.ReadAllBytes(Train()), File.ReadAllBytes(Train("--deterministic")));
    }

    [Theory]
    [InlineData("cpu,cuda:1", "--device cuda:1")]
    [InlineData(",", "--devices needs at least one device")]
    public void A_node_given_devices_it_cannot_use_is_refused_with_one_line(string devices, string expected)
    {
        var result = SimganProcess.Run("node", "--seeds", "127.0.0.1:1", "--devices", devices);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(expected, result.Stderr);
        var both = SimganProcess.Run("node", "--seeds", "127.0.0.1:1", "--devices", "cpu", "--device", "cpu");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("one at a time", both.Stderr);
    }

    [Theory]
    [InlineData("train", "--device", "cuda")]
    [InlineData("node", "--device", "cuda:0")]
    [InlineData("bench", "--device", "cuda")]
    [InlineData("train", "--device", "tpu")]
    [InlineData("train", "--precision", "fp8")]
    public void What_this_build_cannot_do_is_refused_with_one_line(string verb, string option, string value)
    {
        string[] args = verb switch
        {
            "train" => ["train", "--engine", "local", "--synthetic", "eyes-synthetic", "--real", "eyes-real", "--out", Path.Combine(SimganProcess.Temp(), "run"), option, value, .. TinyTraining],
            "node" => ["node", "--seeds", "127.0.0.1:1", option, value],
            _ => ["bench", option, value, "--quiet"],
        };
        var result = SimganProcess.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(option, result.Stderr);
    }
}
