using SimGan.Core.Images;
using SimGan.Core.Networks;
using SimGan.Core.Runtime;
using SimGan.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Evaluation.Selection;

/// <summary>
/// A fixed, untrained CNN whose activation statistics describe an image's tones and texture at three scales: the mean
/// and standard deviation of every map of every layer. Untrained on purpose: it needs no pretrained weights (none ship
/// with this project), it cannot have learnt the real images it judges, and the same seed gives the same features in
/// every run, so distances taken at different checkpoints compare.
/// </summary>
public sealed class RandomFeatures : nn.Module<Tensor, Tensor>
{
    static readonly Scalar Slope = 0.2.ToScalar();
    readonly Conv2d conv1, conv2, conv3;

    public RandomFeatures(ImageShape input, long seed = 20170707) : base(nameof(RandomFeatures))
    {
        TorchRuntime.EnsureLoaded();
        conv1 = nn.Conv2d(input.Channels, 32, 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        conv3 = nn.Conv2d(64, 128, 3, padding: 1);
        RegisterComponents();
        SeededInitialization.Apply(seed, this);
        eval();
    }

    /// <summary>Feature length: mean and standard deviation of 32 + 64 + 128 maps.</summary>
    public const int Length = 2 * (32 + 64 + 128);

    /// <summary>N × <see cref="Length"/> features of images in the networks' [-1, 1] range.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var stats = new List<Tensor>();
        var h = images;
        foreach (var (conv, pool) in new[] { (conv1, true), (conv2, true), (conv3, false) })
        {
            h = conv.forward(h).leaky_relu(Slope);
            var flat = h.flatten(2);
            stats.Add(flat.mean([2]));
            stats.Add(flat.std(2));
            if (pool) h = nn.functional.avg_pool2d(h, 2);
        }
        return torch.cat(stats, 1).MoveToOuterDisposeScope();
    }
}
