using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Optimizers;
using SimGan.Core.Runtime;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Evaluation.Gaze;

/// <summary>Trains a <see cref="GazeEstimator"/> on a labelled set and measures it on another.</summary>
public static class GazeTrainer
{
    /// <summary>
    /// Trains on the first <paramref name="imageCount"/> images of <paramref name="dataset"/> (all of a finite set
    /// when null) against their gaze_vector labels, with the Euclidean loss. Same options and seed give the same
    /// weights; <paramref name="progress"/> gets the fraction done.
    /// </summary>
    public static GazeEstimator Train(IDataset dataset, GazeTrainingOptions options, long? imageCount = null,
        Action<double>? progress = null)
    {
        long count = ImageTensors.Usable(dataset, imageCount);
        if (count < 1) throw new ArgumentException($"{dataset.Spec}: no images to train the gaze estimator on");
        var device = options.Device;
        using var hostImages = ImageTensors.Load(dataset, 0, count);
        using var hostTargets = LoadVectors(dataset, count);
        using var images = hostImages.to(device);
        using var targets = hostTargets.to(device);
        using var reliableKernels = TorchRuntime.WithoutOneDnn();

        var model = new GazeEstimator(dataset.Shape, options.Network);
        SeededInitialization.Apply(options.Seed, model);
        model.to(device);
        model.train();
        using var optimizer = new Core.Optimizers.Adam(model.parameters(), options.LearningRate);
        var plan = new BatchPlan((ulong)options.Seed, "gaze-estimator", options.BatchSize, count);
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var indices = torch.tensor(plan.IndicesFor(step), device: device);
            var batch = images.index_select(0, indices);
            var truth = targets.index_select(0, indices);
            var error = model.forward(batch) - truth;
            // error·error, not square(): TorchSharp's square() passes a temporary Scalar (see HeldScalars).
            var loss = error.mul(error).sum(1).mean();
            CheckedStep.Take(optimizer, loss, "gaze estimator", step, options.Steps, progress);
        }
        model.eval();
        return model;
    }

    /// <summary>Angular error of the model on each of the first <paramref name="imageCount"/> test images.</summary>
    public static GazeTestResult Test(GazeEstimator model, IDataset dataset, long? imageCount = null, int batchSize = 256)
    {
        long count = ImageTensors.Usable(dataset, imageCount);
        var errors = new double[count];
        using var reliableKernels = TorchRuntime.WithoutOneDnn();
        model.eval();
        using var noGrad = torch.no_grad();
        for (long first = 0; first < count; first += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            long n = Math.Min(batchSize, count - first);
            var device = model.parameters().First().device;
            var predicted = model.forward(ImageTensors.Load(dataset, first, n).to(device)).cpu().data<float>().ToArray();
            for (long i = 0; i < n; i++)
            {
                float[] truth = GazeLabels.VectorOf(dataset.Labels(first + i), dataset.SampleName(first + i));
                errors[first + i] = AngularError.Degrees(predicted.AsSpan((int)(i * 3), 3), truth);
            }
        }
        return new GazeTestResult(errors);
    }

    static Tensor LoadVectors(IDataset dataset, long count)
    {
        var vectors = new float[count * 3];
        for (long i = 0; i < count; i++)
            GazeLabels.VectorOf(dataset.Labels(i), dataset.SampleName(i)).CopyTo(vectors, i * 3);
        return torch.tensor(vectors, [count, 3]);
    }
}
