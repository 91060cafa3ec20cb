using SimGan.Cli.Runs;
using SimGan.Core.Training;
using SimGan.Evaluation;
using SimGan.Evaluation.Gaze;

namespace SimGan.Cli.Commands;

/// <summary>The demo's sizes: CPU-sized so the whole job fits in minutes on two cores (see docs/demo.md).</summary>
public sealed record DemoPlan(TrainingOptions Training, long TrainImages, long TestImages, int GazeSteps, int RealismSteps)
{
    /// <summary>How many synthetic images the refiner trains on: null for the refined ones, 0 for the simulator's endless stream.</summary>
    public long? RefinerImages { get; init; }

    public RunWatchOptions Watch { get; init; } = new();

    /// <summary>The built-in generator the synthetic images come from.</summary>
    public string Simulator { get; init; } = "eyes-synthetic";

    /// <summary>Folds of the realism test (1: the single half/half split).</summary>
    public int RealismFolds { get; init; } = 1;

    /// <summary>gaze (the paper's Sec. 4.2) or hand (Sec. 4.3).</summary>
    public string Task { get; init; } = "gaze";

    /// <summary>The hand task's K: K × <see cref="TrainImages"/> images are refined and two more estimators train on them (the paper's 3× row).</summary>
    public int DataMultiplier { get; init; } = 1;

    /// <summary>Training steps of each hand-pose estimator (the hand task).</summary>
    public int PoseSteps { get; init; } = new SimGan.Evaluation.Pose.PoseTrainingOptions().Steps;

    public static DemoPlan Default { get; } = new(
        new TrainingOptions
        {
            Preset = "cpu-gaze", Steps = 2400, BatchSize = 32, PretrainRSteps = 150, PretrainDSteps = 50, KG = 1, KD = 1,
            // λ = 3 rather than 2: on seeds 2 and 3 the judge fell from 77-79 % to 56-59 % and the pupil moved no more,
            // with the gaze ratio the same within its noise (docs/demo.md, runs al-am).
            Lambda = 3.0, BufferSize = 1024, LrR = 2e-4, LrD = 2e-4, SampleEvery = 100, CheckpointEvery = 300,
            // The camera-like eyes are equalised image by image, as MPIIGaze's are; without this stage the judge told
            // refined from camera eyes 94-99 % of the time at 2400 steps, with it 56-77 % (docs/demo.md).
            EqualizeOutput = true,
        },
        TrainImages: 3000, TestImages: 1000, GazeSteps: new GazeTrainingOptions().Steps, RealismSteps: 300);

    /// <summary>
    /// Toward the user's own photographs (demo --real): the settings docs/real-data.md arrived at for a few hundred
    /// real eye photographs, a cross-validated realism test (a held-out set of a few dozen photographs is too small to
    /// halve), and the checkpoint chosen on the held-out photographs when there are any.
    /// </summary>
    public static DemoPlan Photographs { get; } = Default with
    {
        // Without augmentation D memorises the few photographs and R collapses; λ = 1 with the moving average came
        // closest to the photographs while keeping the pupils (docs/real-data.md, runs A1–E1).
        Training = Default.Training with { Augment = "all", Lambda = 1.0, EmaDecay = 0.999 },
        // The simulator with a photograph's look and MPIIGaze's proportions: refined eyes-synthetic, flat regions and hard
        // edges, stayed near 85 % with either geometry. Refiner noise, which helps eyes-synthetic, gave this one nothing
        // (docs/real-data.md), so it stays off.
        Simulator = "eyes-rendered",
        RealismFolds = 4,
    };

    /// <summary>
    /// The hand experiment on built-in depth hands (docs/hand.md): CPU-sized networks at 64×64, K_g = 2 as in the
    /// paper's hand experiment, the unlabelled real images an endless stream of the depth-camera domain.
    /// </summary>
    public static DemoPlan Hands { get; } = new(
        new TrainingOptions
        {
            Preset = "cpu-hand", Steps = 2400, BatchSize = 16, PretrainRSteps = 150, PretrainDSteps = 50, KG = 2, KD = 1,
            // The paper's D widths and λ = 3: with the half-width D at λ = 1 the refiner eroded fingertips (joint shift
            // 3.3 and 4.7 px on seeds 1 and 3); the wider D learns the camera's ragged silhouettes instead, and λ = 3
            // keeps the fingers (docs/hand.md).
            DiscriminatorScale = 1.0, Lambda = 3.0, BufferSize = 1024, LrR = 2e-4, LrD = 2e-4, SampleEvery = 100, CheckpointEvery = 300,
        },
        TrainImages: 3000, TestImages: 1000, GazeSteps: new GazeTrainingOptions().Steps, RealismSteps: 300)
    {
        Task = "hand",
        Simulator = SimGan.Data.Hands.HandDomainNames.Synthetic,
    };

    public SimGan.Evaluation.Pose.HandEvaluationSettings HandEvaluation => new()
    {
        Seed = (int)(Training.Seed & 0x7FFFFFFF),
        TrainImages = TrainImages,
        DataMultiplier = DataMultiplier,
        Pose = new SimGan.Evaluation.Pose.PoseTrainingOptions { Steps = PoseSteps },
        Realism = new SimGan.Evaluation.Realism.RealismTestOptions { Steps = RealismSteps, Folds = RealismFolds },
    };

    public EvaluationSettings Evaluation => new()
    {
        Seed = (int)(Training.Seed & 0x7FFFFFFF),
        Gaze = new GazeTrainingOptions { Steps = GazeSteps },
        Realism = new SimGan.Evaluation.Realism.RealismTestOptions { Steps = RealismSteps, Folds = RealismFolds },
    };
}
