using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Tensors;
using SimGan.Data.Datasets;
using SimGan.Evaluation.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Evaluation.Pose;

/// <summary>Trains a <see cref="PoseEstimator"/> on joint-labelled depth images and scores it on a test set.</summary>
public static class PoseTrainer
{
    /// <summary>
    /// Trains on the first <paramref name="imageCount"/> images (all of a finite set when null): every stack's heatmaps
    /// against Gaussians at the labelled joints, Adam. Same options and seed, same weights.
    /// </summary>
    public static PoseEstimator Train(IDataset dataset, PoseTrainingOptions options, long? imageCount = null, Action<double>? progress = null)
    {
        long count = ImageTensors.Usable(dataset, imageCount);
        if (count < 1) throw new ArgumentException($"{dataset.Spec}: no images to train the pose estimator on");
        var device = options.Device;
        using var hostImages = ImageTensors.Load(dataset, 0, count);
        using var hostJoints = LoadJoints(dataset, 0, count, out int joints);
        using var images = hostImages.to(device);
        using var uv = hostJoints.to(device);
        var model = new PoseEstimator(dataset.Shape, joints, options.Width, options.Stacks);
        SeededInitialization.Apply(options.Seed, model);
        model.to(device);
        model.train();
        using var optimizer = new Core.Optimizers.Adam(model.parameters(), options.LearningRate);
        var plan = new BatchPlan((ulong)options.Seed, "pose-estimator", options.BatchSize, count);
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var indices = torch.tensor(plan.IndicesFor(step), device: device);
            var heatmaps = model.forward(images.index_select(0, indices));
            long h = heatmaps.shape[3], w = heatmaps.shape[4];
            var target = Targets(uv.index_select(0, indices), h, w, options.Sigma).flatten(2);
            target = target.div(target.sum(-1, keepdim: true));
            // Cross-entropy of each heatmap, as a distribution over its pixels, against the normalised Gaussian: with
            // mean squared error a small budget learns to output zeros everywhere, which have no peak to find.
            var logP = heatmaps.flatten(3).log_softmax(-1);
            var loss = logP.mul(target.unsqueeze(0)).sum(-1).mean().neg();
            CheckedStep.Take(optimizer, loss, "pose estimator", step, options.Steps, progress);
        }
        model.eval();
        return model;
    }

    /// <summary>Each joint's pixel error on the first <paramref name="imageCount"/> images of <paramref name="dataset"/>.</summary>
    public static PoseTestResult Test(PoseEstimator model, IDataset dataset, long? imageCount = null)
    {
        long count = ImageTensors.Usable(dataset, imageCount);
        var predicted = Predict(model, dataset, count);
        var distances = new List<double>();
        for (long i = 0; i < count; i++)
        {
            var truth = JointLabels.UvOf(dataset.Labels(i), dataset.SampleName(i));
            distances.AddRange(JointError.Distances(predicted[i], truth));
        }
        return new PoseTestResult(distances, (int)count);
    }

    /// <summary>The estimated joints (u, v pairs in image pixels) of the first <paramref name="count"/> images.</summary>
    public static float[][] Predict(PoseEstimator model, IImageSource images, long count, int batchSize = 128)
    {
        model.eval();
        using var noGrad = no_grad();
        var device = model.parameters().First().device;
        var result = new float[count][];
        for (long first = 0; first < count; first += batchSize)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(batchSize, count - first);
            var heatmaps = model.forward(ImageTensors.Load(images, first, n).to(device))[-1].cpu().contiguous();
            var values = heatmaps.data<float>().ToArray();
            int joints = (int)heatmaps.shape[1], h = (int)heatmaps.shape[2], w = (int)heatmaps.shape[3];
            for (long i = 0; i < n; i++)
            {
                var uv = new float[2 * joints];
                for (int j = 0; j < joints; j++)
                {
                    var (x, y) = HeatmapPeak.Of(values.AsSpan((int)((i * joints + j) * h * w), h * w), h, w);
                    uv[2 * j] = (float)(2 * (x + 0.5) - 0.5);     // heatmap pixel centres back to image pixel centres
                    uv[2 * j + 1] = (float)(2 * (y + 0.5) - 0.5);
                }
                result[first + i] = uv;
            }
        }
        return result;
    }

    /// <summary>N×J×h×w Gaussians at the joints, given N×J×2 joints in image pixels.</summary>
    static Tensor Targets(Tensor uv, long h, long w, double sigma)
    {
        // Every number is a Scalar held until the calls return: a temporary one can be freed by a garbage collection
        // while LibTorch reads it, which failed a training run ("Expected false to be true", HeldScalars).
        using var two = 2.0.ToScalar();
        using var spread = (-2 * sigma * sigma).ToScalar();
        var device = uv.device;
        var hu = uv.select(2, 0).add(HeldScalars.Half, HeldScalars.One).div(two).sub(HeldScalars.Half).unsqueeze(-1).unsqueeze(-1);
        var hv = uv.select(2, 1).add(HeldScalars.Half, HeldScalars.One).div(two).sub(HeldScalars.Half).unsqueeze(-1).unsqueeze(-1);
        var xs = torch.arange(w, dtype: ScalarType.Float32, device: device).view(1, 1, 1, w);
        var ys = torch.arange(h, dtype: ScalarType.Float32, device: device).view(1, 1, h, 1);
        var d2 = xs.sub(hu).pow(two).add(ys.sub(hv).pow(two), HeldScalars.One);
        return d2.div(spread).exp();
    }

    static Tensor LoadJoints(IDataset dataset, long first, long count, out int joints)
    {
        var rows = new float[count][];
        for (long i = 0; i < count; i++) rows[i] = JointLabels.UvOf(dataset.Labels(first + i), dataset.SampleName(first + i));
        joints = rows[0].Length / 2;
        var flat = new float[count * rows[0].Length];
        for (long i = 0; i < count; i++)
        {
            if (rows[i].Length != rows[0].Length) throw new InvalidDataException($"{dataset.SampleName(first + i)}: {rows[i].Length / 2} joints, the first image has {joints}");
            rows[i].CopyTo(flat, i * rows[0].Length);
        }
        return torch.tensor(flat, [count, joints, 2]);
    }
}
