using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Optimizers;
using SimGan.Core.Runtime;
using SimGan.Core.Tensors;
using SimGan.Evaluation.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Evaluation.Realism;

/// <summary>
/// An automatic visual Turing test (a classifier two-sample test, Lopez-Paz &amp; Oquab 2017): a fresh CNN learns to
/// tell set A ("real") from set B on some of the images and is scored on the others. If the sets come from one
/// distribution, no classifier beats chance on unseen images, so held-out accuracy near 0.5 means "indistinguishable".
/// With one fold the classifier trains on half of each set and is scored on the other half; with k ≥ 2 folds
/// (<see cref="RealismTestOptions.Folds"/>) k classifiers are each scored on the fold they did not see, so every
/// image is scored once.
/// </summary>
public static class RealismTest
{
    public static RealismResult Run(IImageSource real, IImageSource other, RealismTestOptions options,
        Action<double>? progress = null)
    {
        long perSet = ImagesPerSet(real, other, options);
        using var outer = torch.NewDisposeScope();
        using var reliableKernels = TorchRuntime.WithoutOneDnn();
        var realImages = Shuffled(ImageTensors.Load(real, 0, perSet), options.Seed, 1).to(options.Device);
        var otherImages = Shuffled(ImageTensors.Load(other, 0, perSet), options.Seed, 2).to(options.Device);
        return options.Folds == 1
            ? HalfAndHalf(realImages, otherImages, real.Shape, options, progress)
            : CrossValidated(realImages, otherImages, real.Shape, options, progress);
    }

    /// <summary>
    /// How many images of each set take part (as many of each, so that chance is 50 %); throws if the sets and options
    /// cannot make a test. Cheap, so that an evaluation can check before it trains anything.
    /// </summary>
    public static long ImagesPerSet(IImageSource real, IImageSource other, RealismTestOptions options)
    {
        if (real.Shape != other.Shape)
            throw new ArgumentException($"the sets differ in shape ({real.Shape} vs {other.Shape}); the test needs one shape");
        if (options.Folds < 1) throw new ArgumentException($"the realism test needs at least 1 fold, not {options.Folds}");
        long perSet = Math.Min(ImageTensors.Usable(real, options.ImagesPerSet), ImageTensors.Usable(other, options.ImagesPerSet));
        if (perSet < 4) throw new ArgumentException("the realism test needs at least 4 images of each set");
        if (perSet < options.Folds)
            throw new ArgumentException($"{options.Folds}-fold cross-validation needs at least {options.Folds} images of each set, not {perSet}");
        return perSet;
    }

    /// <summary>One classifier, seeded with the test's seed, trains on the first half of each shuffled set.</summary>
    static RealismResult HalfAndHalf(Tensor realImages, Tensor otherImages, ImageShape shape, RealismTestOptions options,
        Action<double>? progress)
    {
        long perSet = realImages.shape[0], trainPerSet = perSet / 2, testPerSet = perSet - trainPerSet;
        int correct = TrainAndScore(realImages[..(int)trainPerSet], otherImages[..(int)trainPerSet],
            realImages[(int)trainPerSet..], otherImages[(int)trainPerSet..], shape, options, (ulong)options.Seed, progress);
        int tested = (int)(2 * testPerSet);
        (double low, double high) = WilsonInterval.Of(correct, tested);
        return new RealismResult(correct, tested, (int)(2 * trainPerSet), low, high);
    }

    /// <summary>
    /// k classifiers, classifier f trained on every fold but f and scored on fold f. Each is seeded from the test's
    /// seed and f, so that the folds' classifiers start apart and the whole test repeats for a seed.
    /// </summary>
    static RealismResult CrossValidated(Tensor realImages, Tensor otherImages, ImageShape shape, RealismTestOptions options,
        Action<double>? progress)
    {
        long perSet = realImages.shape[0];
        var folds = CrossValidationFolds.Of(perSet, options.Folds);
        int correct = 0;
        for (int fold = 0; fold < folds.Count; fold++)
        {
            using var scope = torch.NewDisposeScope();
            (long start, long end) = folds[fold];
            Tensor AllBut(Tensor images) => torch.cat([images[..(int)start], images[(int)end..]]);
            int done = fold;
            correct += TrainAndScore(AllBut(realImages), AllBut(otherImages),
                realImages[(int)start..(int)end], otherImages[(int)start..(int)end], shape, options, FoldSeed(options.Seed, fold),
                progress is null ? null : f => progress((done + f) / folds.Count));
        }
        int tested = (int)(2 * perSet);
        long largestFold = folds.Max(f => f.End - f.Start);
        (double low, double high) = WilsonInterval.Of(correct, tested);
        return new RealismResult(correct, tested, (int)(2 * (perSet - largestFold)), low, high, options.Folds);
    }

    /// <summary>Fold f's seed: a hash of (seed, f), so that fold seeds of neighbouring test seeds do not coincide.</summary>
    static ulong FoldSeed(int seed, int fold) => BatchPlan.Mix((ulong)seed ^ BatchPlan.StableHash($"realism-test-fold-{fold}"));

    /// <summary>
    /// Trains a fresh classifier on the two training sets ("real" = 1) and returns how many test images it puts on the
    /// right side. <paramref name="progress"/> gets the fraction of its steps done.
    /// </summary>
    static int TrainAndScore(Tensor trainReal, Tensor trainOther, Tensor testReal, Tensor testOther, ImageShape shape,
        RealismTestOptions options, ulong seed, Action<double>? progress)
    {
        var trainImages = torch.cat([trainReal, trainOther]);
        var trainIsReal = torch.cat([torch.ones(trainReal.shape[0], device: options.Device), torch.zeros(trainOther.shape[0], device: options.Device)]);
        long trainCount = trainImages.shape[0];

        using var classifier = new RealismClassifier(shape, options.Width);
        SeededInitialization.Apply((long)seed, classifier);
        classifier.to(options.Device);
        using var optimizer = new Core.Optimizers.Adam(classifier.parameters(), options.LearningRate);
        var plan = new BatchPlan(seed, "realism-test", (int)Math.Min(options.BatchSize, trainCount), trainCount);
        classifier.train();
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var indices = torch.tensor(plan.IndicesFor(step), device: options.Device);
            var logits = classifier.forward(trainImages.index_select(0, indices));
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, trainIsReal.index_select(0, indices));
            CheckedStep.Take(optimizer, loss, "realism judge", step, options.Steps, progress);
        }

        classifier.eval();
        using (torch.no_grad())
        {
            var saysRealForReal = classifier.forward(testReal).gt(HeldScalars.Zero).sum().item<long>();
            var saysOtherForOther = classifier.forward(testOther).le(HeldScalars.Zero).sum().item<long>();
            return (int)(saysRealForReal + saysOtherForOther);
        }
    }

    /// <summary>
    /// The sets' first images may be ordered (by gaze, by file name); a seeded shuffle keeps that order from
    /// deciding which images are for training and which for testing.
    /// </summary>
    static Tensor Shuffled(Tensor images, int seed, int stream)
    {
        using var generator = new torch.Generator((ulong)(seed * 1000 + stream));
        return images.index_select(0, torch.randperm(images.shape[0], generator: generator));
    }
}
