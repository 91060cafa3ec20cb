using System.CommandLine;
using SimGan.Core.Training;

namespace SimGan.Cli.Commands;

/// <summary>
/// The command-line options that set <see cref="TrainingOptions"/>. Each is nullable: a value given on the command
/// line overrides the --config file, which overrides the defaults (the paper's, see TrainingOptions).
/// </summary>
public sealed class TrainingOptionSet
{
    public Option<string?> Config { get; } = new("--config") { Description = "JSON file of training options (same keys as a run's config.json 'training')" };
    public Option<string?> Preset { get; } = new("--preset") { Description = "Network sizes: gaze or paper-gaze (the paper's gaze networks), hand or paper-hand (the paper's hand networks), cpu-gaze or cpu-hand (smaller, for CPUs)" };
    public Option<long?> Steps { get; } = new("--steps") { Description = "Total steps of the run, pretraining included; with --resume, continue up to this" };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size b (even): R sees b synthetic images; D sees b/2 current + b/2 history + b real" };
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed for initial weights, data order and buffer sampling" };
    public Option<int?> PretrainRSteps { get; } = new("--pretrain-r-steps") { Description = "R steps on self-regularisation alone (paper, gaze: 1000)" };
    public Option<int?> PretrainDSteps { get; } = new("--pretrain-d-steps") { Description = "D steps before the adversarial loop (paper: 200)" };
    public Option<int?> KG { get; } = new("--k-g") { Description = "R steps per cycle (the cap, with --adaptive-k-g)" };
    public Option<int?> KD { get; } = new("--k-d") { Description = "D steps per cycle" };
    public Option<int?> DiscriminatorSlices { get; } = new("--d-slices") { Description = "Slices per D step, spread over the cluster's discriminator workers; the same count gives the same arithmetic on any engine (default: 1 locally, --workers on the cluster)" };
    public Option<int?> RefinerSlices { get; } = new("--r-slices") { Description = "Slices per R step, spread over the cluster's refiner workers; the same count gives the same arithmetic on any engine (default: 1 locally, --workers on the cluster)" };
    public Option<bool?> AdaptiveKG { get; } = new("--adaptive-k-g") { Description = "Start K_g at 1 and raise it while D's loss stays low" };
    public Option<double?> Lambda { get; } = new("--lambda") { Description = "Weight of the self-regularisation L1 term (both loss terms are means)" };
    public Option<string?> SelfRegularization { get; } = new("--self-regularization") { Description = "ψ of the self-regularisation term: identity, channel-mean, or blur:SIGMA (L1 between images blurred by a Gaussian of SIGMA pixels: keeps structure, frees finer texture)" };
    public Option<bool?> EqualizeOutput { get; } = new("--equalize-output") { Description = "Pass refined images through the real data's per-image histogram equalisation (MPIIGaze's preprocessing), which a convolutional refiner cannot learn; gradients pass straight through. On by default in demo (--equalize-output false turns it off)" };
    public Option<int?> BufferSize { get; } = new("--buffer-size") { Description = "History buffer capacity B (images)" };
    public Option<string?> Optimizer { get; } = new("--optimizer") { Description = "adam or sgd" };
    public Option<double?> LrR { get; } = new("--lr-r") { Description = "Refiner learning rate" };
    public Option<double?> LrD { get; } = new("--lr-d") { Description = "Discriminator learning rate" };
    public Option<int?> RefinerWidth { get; } = new("--refiner-width") { Description = "Refiner feature maps (overrides the preset)" };
    public Option<int?> RefinerBlocks { get; } = new("--refiner-blocks") { Description = "Refiner ResNet blocks (overrides the preset)" };
    public Option<double?> DiscriminatorScale { get; } = new("--discriminator-scale") { Description = "Discriminator widths as a factor of the paper's gaze D (96, 64, 32, 32 maps); default: the preset's (gaze 1, cpu-gaze and cpu-hand 0.5). 1 with cpu-gaze took real photographs much closer (docs/real-data.md)" };
    public Option<int?> RefinerNoise { get; } = new("--refiner-noise") { Description = "Standard normal channels appended to the refiner's input, drawn from each image's own pixels (the same image always gets the same noise), so it can draw grain that flat synthetic regions lack; 0 (default): none, the paper's refiner" };
    public Option<double?> EmaDecay { get; } = new("--ema-decay") { Description = "Export a moving average of the refiner's weights with this decay (e.g. 0.999) instead of its last weights; 0: off" };
    public Option<string?> Augment { get; } = new("--augment") { Description = "Differentiable augmentation of everything D sees, real and refined, in both steps: none, all (brightness, contrast, translation, cutout: DiffAugment, for small real sets), or a comma list of those and flip (mirror half the images left to right: for subjects that are symmetric, like eyes)" };
    public Option<string?> Precision { get; } = new("--precision") { Description = "Number format of the networks' passes: fp32 (default; bit-exact across engines), bf16 or fp16 (mixed precision: fp32 master weights, optimizer state and checkpoints; fp16 adds dynamic loss scaling and is for GPUs, a CPU has no fast fp16 kernels; may change on --resume)" };
    public Option<int?> SampleEvery { get; } = new("--sample-every") { Description = "Write a sample sheet every N steps" };
    public Option<int?> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Checkpoint every N steps (and always at the end)" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Config, Preset, Steps, BatchSize, Seed, PretrainRSteps, PretrainDSteps, KG, KD, DiscriminatorSlices, RefinerSlices, AdaptiveKG,
                                          Lambda, SelfRegularization, EqualizeOutput, BufferSize, Optimizer, LrR, LrD, RefinerWidth, RefinerBlocks, DiscriminatorScale,
                                          RefinerNoise, Augment, EmaDecay, Precision, SampleEvery, CheckpointEvery })
            command.Options.Add(o);
    }

    /// <summary>The options as given: the --config file (or defaults) with command-line values on top.</summary>
    public TrainingOptions Resolve(ParseResult p, TrainingOptions? baseline = null)
    {
        var o = baseline ?? (p.GetValue(Config) is { } file ? Runs.RunConfig.LoadOptions(file) : new TrainingOptions());
        return o with
        {
            Preset = p.GetValue(Preset) ?? o.Preset,
            Steps = p.GetValue(Steps) ?? o.Steps,
            BatchSize = p.GetValue(BatchSize) ?? o.BatchSize,
            Seed = p.GetValue(Seed) ?? o.Seed,
            PretrainRSteps = p.GetValue(PretrainRSteps) ?? o.PretrainRSteps,
            PretrainDSteps = p.GetValue(PretrainDSteps) ?? o.PretrainDSteps,
            KG = p.GetValue(KG) ?? o.KG,
            KD = p.GetValue(KD) ?? o.KD,
            DiscriminatorSlices = p.GetValue(DiscriminatorSlices) ?? o.DiscriminatorSlices,
            RefinerSlices = p.GetValue(RefinerSlices) ?? o.RefinerSlices,
            AdaptiveKG = p.GetValue(AdaptiveKG) ?? o.AdaptiveKG,
            Lambda = p.GetValue(Lambda) ?? o.Lambda,
            SelfRegularization = p.GetValue(SelfRegularization) ?? o.SelfRegularization,
            EqualizeOutput = p.GetValue(EqualizeOutput) ?? o.EqualizeOutput,
            BufferSize = p.GetValue(BufferSize) ?? o.BufferSize,
            Optimizer = p.GetValue(Optimizer) ?? o.Optimizer,
            LrR = p.GetValue(LrR) ?? o.LrR,
            LrD = p.GetValue(LrD) ?? o.LrD,
            RefinerWidth = p.GetValue(RefinerWidth) ?? o.RefinerWidth,
            RefinerBlocks = p.GetValue(RefinerBlocks) ?? o.RefinerBlocks,
            DiscriminatorScale = p.GetValue(DiscriminatorScale) ?? o.DiscriminatorScale,
            RefinerNoise = p.GetValue(RefinerNoise) ?? o.RefinerNoise,
            Augment = p.GetValue(Augment) ?? o.Augment,
            EmaDecay = p.GetValue(EmaDecay) ?? o.EmaDecay,
            Precision = p.GetValue(Precision) ?? o.Precision,
            SampleEvery = p.GetValue(SampleEvery) ?? o.SampleEvery,
            CheckpointEvery = p.GetValue(CheckpointEvery) ?? o.CheckpointEvery,
        };
    }

    /// <summary>
    /// On --resume only the step budget and the precision may change: anything else would silently train a different
    /// run. Checkpoints hold fp32 masters whatever the passes computed in, so a run may move between fp32 and bf16.
    /// </summary>
    public TrainingOptions ResolveForResume(ParseResult p, TrainingOptions saved)
    {
        var asked = Resolve(p, saved);
        if (asked with { Steps = saved.Steps, Precision = saved.Precision } != saved)
            throw new UserError("--resume continues the saved run: only --steps and --precision may change (start a new --out to change other options)");
        return asked;
    }
}
