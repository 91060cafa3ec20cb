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
/// tell set A ("real") from set B on half of the images and is scored on the other half. If the sets come from one
/// distribution, no classifier beats chance on unseen images, so held-out accuracy near 0.5 means "indistinguishable".
/// </summary>
public static class RealismTest
{
    public static RealismResult Run(IImageSource real, IImageSource other, RealismTestOptions options,
        Action<double>? progress = null)
    {
        if (real.Shape != other.Shape)
            throw new ArgumentException($"the sets differ in shape ({real.Shape} vs {other.Shape}); the test needs one shape");
        long perSet = Math.Min(ImageTensors.Usable(real, options.ImagesPerSet), ImageTensors.Usable(other, options.ImagesPerSet));
        if (perSet < 4) throw new ArgumentException("the realism test needs at least 4 images of each set");
        long trainPerSet = perSet / 2, testPerSet = perSet - trainPerSet;

        using var outer = torch.NewDisposeScope();
        using var reliableKernels = TorchRuntime.WithoutOneDnn();
        var realImages = Shuffled(ImageTensors.Load(real, 0, perSet), options.Seed, 1);
        var otherImages = Shuffled(ImageTensors.Load(other, 0, perSet), options.Seed, 2);
        var trainImages = torch.cat([realImages[..(int)trainPerSet], otherImages[..(int)trainPerSet]]);
        var trainIsReal = torch.cat([torch.ones(trainPerSet), torch.zeros(trainPerSet)]);

        using var classifier = new RealismClassifier(real.Shape, options.Width);
        SeededInitialization.Apply(options.Seed, classifier);
        using var optimizer = new Core.Optimizers.Adam(classifier.parameters(), options.LearningRate);
        var plan = new BatchPlan((ulong)options.Seed, "realism-test", Math.Min(options.BatchSize, (int)(2 * trainPerSet)), 2 * trainPerSet);
        classifier.train();
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var indices = torch.tensor(plan.IndicesFor(step));
            var logits = classifier.forward(trainImages.index_select(0, indices));
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, trainIsReal.index_select(0, indices));
            FiniteLoss.Require(loss, "realism judge", step, options.Steps);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            progress?.Invoke((step + 1) / (double)options.Steps);
        }

        classifier.eval();
        int correct;
        using (torch.no_grad())
        {
            var saysRealForReal = classifier.forward(realImages[(int)trainPerSet..]).gt(HeldScalars.Zero).sum().item<long>();
            var saysOtherForOther = classifier.forward(otherImages[(int)trainPerSet..]).le(HeldScalars.Zero).sum().item<long>();
            correct = (int)(saysRealForReal + saysOtherForOther);
        }
        int tested = (int)(2 * testPerSet);
        (double low, double high) = WilsonInterval.Of(correct, tested);
        return new RealismResult(correct, tested, (int)(2 * trainPerSet), low, high);
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
