namespace SimGan.Cli.Runs;

/// <summary>Where a run keeps what it produces; one place so that train, refine and evaluate agree.</summary>
public sealed class RunFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Config => Path.Combine(Root, "config.json");
    public string Metrics => Path.Combine(Root, "metrics.jsonl");
    public string Samples => Path.Combine(Root, "samples");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string TensorBoard => Path.Combine(Root, "tensorboard");
    public string LossCurve => Path.Combine(Root, "loss-curve.png");
    public string RefinerExport => Path.Combine(Root, "refiner.safetensors");
    /// <summary>The best-scoring refiner so far, when checkpoints are scored (RunWatchOptions.SelectReal).</summary>
    public string BestRefiner => Path.Combine(Root, "refiner-best.safetensors");
    /// <summary>The last refiner, kept beside refiner.safetensors when that holds the best one.</summary>
    public string LastRefiner => Path.Combine(Root, "refiner-last.safetensors");
    /// <summary>The best checkpoint's score and the rule that chose it, so a resumed run keeps comparing against it.</summary>
    public string Selection => Path.Combine(Root, "selection.json");
    public string BadSamples => Path.Combine(Root, "bad-samples.txt");

    public bool HasRun => File.Exists(Config);

    public void Create()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Samples);
        Directory.CreateDirectory(Checkpoints);
    }
}
