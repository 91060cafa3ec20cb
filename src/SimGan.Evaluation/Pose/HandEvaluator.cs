using SimGan.Core.Images;
using SimGan.Data.Datasets;
using SimGan.Data.Hands;
using SimGan.Evaluation.Realism;
using SimGan.Evaluation.Tensors;

namespace SimGan.Evaluation.Pose;

/// <summary>
/// The paper's hand experiment (Sec. 4.3, Table 4): a pose estimator trained on synthetic depth images and one
/// trained on their refined versions, both tested on real depth images by the fraction of joints within d pixels;
/// the realism test on both sets; and how far refinement moves the joints an estimator finds (<see cref="HandLabelCheck"/>).
/// </summary>
public static class HandEvaluator
{
    public static HandResults Run(EvaluationInputs inputs, HandEvaluationSettings settings, string outputDirectory,
        Action<string, double>? progress = null)
    {
        int k = settings.DataMultiplier;
        if (k < 1) throw new ArgumentException($"the data multiplier must be at least 1, not {k}");
        long trainImages = settings.TrainImages ?? ImageTensors.Usable(inputs.Refined, null) / k;
        if (ImageTensors.Usable(inputs.Refined, k * trainImages) < k * trainImages)
            throw new ArgumentException($"the {k}× rows need {k * trainImages} refined images; {inputs.Refined.Spec} has fewer");
        var poseOptions = settings.Pose with { Seed = settings.Seed };
        var realismOptions = settings.Realism with { Seed = settings.Seed };
        var stages = new StageClock(progress);
        T Stage<T>(string name, Func<Action<double>, T> work) => stages.Run(name, work);

        long pairs = Math.Min(settings.LabelPairs, trainImages);
        int labelSteps = settings.LabelSteps ?? 2 * poseOptions.Steps;
        var perfectRefiner = (inputs.Synthetic as HandDataset)?.ThroughCamera();
        var (syntheticRow, bySynthetic) = Stage("pose: synthetic", report =>
        {
            using var model = PoseTrainer.Train(inputs.Synthetic, poseOptions, trainImages, report);
            var row = new PoseRow("synthetic", trainImages, PoseTrainer.Test(model, inputs.RealTest, settings.TestImages));
            return (row, Shifts(model, inputs, perfectRefiner, pairs));
        });
        var byBothLooks = Stage("labels: estimator of both looks", report =>
        {
            long cameraImages = ImageTensors.Usable(inputs.RealTest, settings.TestImages);
            var bothLooks = new ConcatenatedDataset([(inputs.Synthetic, trainImages), (inputs.RealTest, cameraImages)]);
            var options = poseOptions with { Steps = labelSteps };
            using var model = PoseTrainer.Train(bothLooks, options, null, report);
            return Shifts(model, inputs, perfectRefiner, pairs);
        });
        PoseRow TrainAndTest(string name, SimGan.Data.Datasets.IDataset set, long images) => Stage($"pose: {name}", report =>
        {
            using var model = PoseTrainer.Train(set, poseOptions, images, report);
            return new PoseRow(name, images, PoseTrainer.Test(model, inputs.RealTest, settings.TestImages));
        });
        var refinedRow = TrainAndTest("refined", inputs.Refined, trainImages);
        var syntheticK = k > 1 ? TrainAndTest($"synthetic {k}×", inputs.Synthetic, k * trainImages) : null;
        var refinedK = k > 1 ? TrainAndTest($"refined {k}×", inputs.Refined, k * trainImages) : null;
        var syntheticVsReal = Stage("realism: synthetic vs real", report => RealismTest.Run(inputs.RealTest, inputs.Synthetic, realismOptions, report));
        var refinedVsReal = Stage("realism: refined vs real", report => RealismTest.Run(inputs.RealTest, inputs.Refined, realismOptions, report));
        var results = new HandResults
        {
            Synthetic = syntheticRow,
            Refined = refinedRow,
            SyntheticMultiplied = syntheticK,
            RefinedMultiplied = refinedK,
            SyntheticVsReal = syntheticVsReal,
            RefinedVsReal = refinedVsReal,
            Labels = new HandLabelCheck(byBothLooks.Refined, bySynthetic.Refined, byBothLooks.Perfect, bySynthetic.Perfect),
            Settings = settings with { TrainImages = trainImages, LabelSteps = labelSteps },
            Sources = new EvaluationSources(inputs.Synthetic.Spec, inputs.Refined.Spec, inputs.RealTest.Spec, inputs.RealTrain?.Spec, inputs.MetricsJsonlPath),
            StageSeconds = stages.Seconds,
        };
        Stage("report", _ => HandReport.Write(outputDirectory, results));
        HandReport.Write(outputDirectory, results); // again, so that the report stage's own time is in it
        return results;
    }

    static (JointShift Refined, JointShift? Perfect) Shifts(PoseEstimator model, EvaluationInputs inputs, IImageSource? perfectRefiner, long pairs)
    {
        var onSynthetic = PoseTrainer.Predict(model, inputs.Synthetic, pairs);
        JointShift Against(IImageSource other) => JointShift.Between(onSynthetic, PoseTrainer.Predict(model, other, pairs));
        return (Against(inputs.Refined), perfectRefiner is null ? null : Against(perfectRefiner));
    }
}
