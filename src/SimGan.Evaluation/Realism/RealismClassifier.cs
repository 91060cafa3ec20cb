using SimGan.Core.Images;
using SimGan.Core.Runtime;
using SimGan.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SimGan.Evaluation.Realism;

/// <summary>
/// The judge of the automatic visual Turing test: a small strided CNN ending in global average pooling, so it
/// sees both local texture (noise, sharp edges) and global statistics (brightness, contrast). One logit: "real".
/// </summary>
public sealed class RealismClassifier : Module<Tensor, Tensor>
{
    // LeakyReLU's slope, held for the process: the LeakyReLU module makes a temporary Scalar of it on every call (see HeldScalars).
    static readonly Scalar Slope = 0.2.ToScalar();

    readonly Conv2d conv1;
    readonly Conv2d conv2;
    readonly Conv2d conv3;
    readonly Linear logit;

    public RealismClassifier(ImageShape input, int width) : base(nameof(RealismClassifier))
    {
        TorchRuntime.EnsureLoaded(); // process-wide kernel choices, before the first convolution
        conv1 = Conv2d(input.Channels, width, 3, stride: 2, padding: 1);
        conv2 = Conv2d(width, 2 * width, 3, stride: 2, padding: 1);
        conv3 = Conv2d(2 * width, 4 * width, 3, stride: 1, padding: 1);
        logit = Linear(4 * width, 1);
        RegisterComponents();
    }

    /// <summary>One "real" logit per image, shape N.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        var h = images.sub(HeldScalars.Half).mul_(HeldScalars.Four);
        foreach (var conv in new[] { conv1, conv2, conv3 }) h = conv.forward(h).leaky_relu(Slope);
        var pooled = nn.functional.adaptive_avg_pool2d(h, new long[] { 1, 1 }).flatten(1);
        return logit.forward(pooled).squeeze(1).MoveToOuterDisposeScope();
    }
}
