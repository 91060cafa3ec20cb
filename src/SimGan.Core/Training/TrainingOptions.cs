using SimGan.Core.Networks;

namespace SimGan.Core.Training;

/// <summary>
/// Everything that decides a run's arithmetic. Saved into the run folder as used; a resumed run must use the same.
/// Step counts and K_g/K_d follow the paper's gaze experiment. λ and the learning rates do not: the paper gives no λ
/// for gaze and trained with SGD at 1e-3, and here Adam at 1e-3 with λ = 0.5 collapsed the refiner within 30
/// adversarial steps, while Adam at 2e-4 with λ = 2 trained stably (docs/demo.md).
/// </summary>
public sealed record TrainingOptions
{
    public string Preset { get; init; } = "gaze";
    public long Steps { get; init; } = 3000;
    public int BatchSize { get; init; } = 32;
    public ulong Seed { get; init; } = 1;
    public int PretrainRSteps { get; init; } = 1000;
    public int PretrainDSteps { get; init; } = 200;
    public int KG { get; init; } = 50;
    public int KD { get; init; } = 1;
    /// <summary>Adaptive K_g: start at 1 and raise it (up to <see cref="KG"/>) while D's loss stays low.</summary>
    public bool AdaptiveKG { get; init; }
    public double AdaptiveKGLowLoss { get; init; } = 0.4;
    /// <summary>Weight of the self-regularisation L1 term (both terms are means, see LocalAdversarialLoss).</summary>
    public double Lambda { get; init; } = 2.0;
    public string SelfRegularization { get; init; } = "identity";
    /// <summary>Refined images leave through the real domain's per-image histogram equalisation (RefinerSpec.EqualizeOutput).</summary>
    public bool EqualizeOutput { get; init; }
    public int BufferSize { get; init; } = 1024;
    public string Optimizer { get; init; } = "adam";
    public double LrR { get; init; } = 2e-4;
    public double LrD { get; init; } = 2e-4;
    /// <summary>Refiner width (feature maps); the presets set it, a CPU run may shrink it.</summary>
    public int? RefinerWidth { get; init; }
    public int? RefinerBlocks { get; init; }
    /// <summary>
    /// Widths of the gaze discriminator against the paper's (96, 64, 32, 32 maps); null: the preset's, 1 for gaze and 0.5
    /// for the CPU presets. The paper's D with the CPU refiner took photographs much closer (docs/real-data.md).
    /// </summary>
    public double? DiscriminatorScale { get; init; }
    /// <summary>Noise channels appended to R's input (RefinerSpec.NoiseChannels); 0, the paper's refiner, by default.</summary>
    public int RefinerNoise { get; init; }
    /// <summary>
    /// How many slices each discriminator step is cut into (DiscriminatorSlices). The cluster spreads slices over its
    /// workers; the local trainer computes them one after another. Same count, same arithmetic, on either engine.
    /// </summary>
    public int DiscriminatorSlices { get; init; } = 1;
    /// <summary>How many slices each refiner step is cut into (RefinerSlices), spread over the cluster's refiner workers like D's.</summary>
    public int RefinerSlices { get; init; } = 1;
    /// <summary>Decay of the moving average of R's weights that the run exports (<see cref="RefinerAverage"/>); 0: none, the live R is exported.</summary>
    public double EmaDecay { get; init; }
    /// <summary>Differentiable augmentation of D's inputs, in R's step and D's (AugmentationPolicy: none, all, or a list).</summary>
    public string Augment { get; init; } = "none";
    /// <summary>
    /// The number format of the networks' passes (<see cref="Runtime.Precision"/>: fp32 or bf16). Master weights,
    /// optimizer state and checkpoints are fp32 either way, so a run may resume in another precision.
    /// </summary>
    public string Precision { get; init; } = Runtime.PrecisionNames.Fp32;
    public int SampleEvery { get; init; } = 100;
    public int CheckpointEvery { get; init; } = 200;

    public void Validate()
    {
        void Require(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Require(Steps > 0, "--steps must be positive");
        Require(BatchSize >= 2 && BatchSize % 2 == 0, "--batch-size must be an even number ≥ 2 (D takes half refined, half history)");
        Require(PretrainRSteps >= 0 && PretrainDSteps >= 0, "pretraining step counts cannot be negative");
        Require(KG >= 1 && KD >= 1, "--k-g and --k-d must be ≥ 1");
        Require(Lambda >= 0, "--lambda cannot be negative");
        Require(BufferSize >= BatchSize / 2, "--buffer-size must hold at least half a batch");
        Require(LrR > 0 && LrD > 0, "learning rates must be positive");
        Require(Optimizer is "adam" or "sgd", "--optimizer must be adam or sgd");
        Require(Preset is "gaze" or "paper-gaze" or "hand" or "paper-hand" or "cpu-gaze" or "cpu-hand",
            "--preset must be gaze (or paper-gaze), hand (or paper-hand), cpu-gaze or cpu-hand");
        Require(DiscriminatorSlices >= 1 && DiscriminatorSlices <= BatchSize / 2, "--d-slices must be between 1 and half the batch size");
        Require(RefinerSlices >= 1 && RefinerSlices <= BatchSize, "--r-slices must be between 1 and the batch size");
        try { Runtime.PrecisionNames.Parse(Precision); }
        catch (ArgumentException ex) { Require(false, ex.Message); }
        Require(EmaDecay == 0 || (EmaDecay > 0 && EmaDecay < 1), "--ema-decay must be 0 (off) or in (0, 1), e.g. 0.999");
        Require(RefinerNoise >= 0 && RefinerNoise <= RefinerSpec.MaxNoiseChannels, $"--refiner-noise must be between 0 and {RefinerSpec.MaxNoiseChannels}");
        Require(DiscriminatorScale is null || (DiscriminatorScale > 0 && DiscriminatorScale <= 4),
            "--discriminator-scale must be in (0, 4]: a factor on the paper's gaze discriminator widths");
        Require(DiscriminatorScale is null || !IsHand,
            "--discriminator-scale applies to the gaze discriminator (presets gaze, cpu-gaze, cpu-hand), not the paper's hand one");
        Require(SampleEvery > 0 && CheckpointEvery > 0, "sample and checkpoint intervals must be positive");
        FeatureTransformsCheck();
        _ = AugmentationPolicy;
    }

    void FeatureTransformsCheck() => Losses.FeatureTransforms.ByName(SelfRegularization);

    /// <summary>The parsed <see cref="Augment"/>; throws ArgumentException with the choices when it does not parse.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Augmentation.AugmentationPolicy AugmentationPolicy => Augmentation.AugmentationPolicy.Parse(Augment);

    public RefinerSpec RefinerFor(int channels)
    {
        var spec = IsHand ? RefinerSpec.Hand(channels) : RefinerSpec.Gaze(channels);
        if (Preset == "cpu-gaze") spec = spec with { Width = 32, Blocks = 3 };
        // The paper's hand R (64 maps, 10 blocks of 7×7) costs about 6 GFLOP per 64×64 image; this one 0.15.
        if (Preset == "cpu-hand") spec = new RefinerSpec(channels, 16, 4, 3);
        return spec with
        {
            Width = RefinerWidth ?? spec.Width, Blocks = RefinerBlocks ?? spec.Blocks, EqualizeOutput = EqualizeOutput, NoiseChannels = RefinerNoise,
        };
    }

    public DiscriminatorSpec DiscriminatorFor(int channels) =>
        IsHand ? DiscriminatorSpec.Hand(channels)
        // The gaze D's strides leave a 16×16 map of patches on a 64×64 hand crop; the paper's hand D, made for 224, leaves 2×2.
        : DiscriminatorSpec.Gaze(channels, widthScale: DiscriminatorScale ?? (Preset is "cpu-gaze" or "cpu-hand" ? 0.5 : 1.0));

    /// <summary>"paper-gaze" and "paper-hand" name the paper's sizes as the evaluation issue spells them.</summary>
    bool IsHand => Preset is "hand" or "paper-hand";
}
