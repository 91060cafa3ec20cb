using SimGan.Core.Images;
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
    readonly Sequential _layers;

    public RealismClassifier(ImageShape input, int width) : base(nameof(RealismClassifier))
    {
        _layers = Sequential(
            ("conv1", Conv2d(input.Channels, width, 3, stride: 2, padding: 1)), ("relu1", LeakyReLU(0.2)),
            ("conv2", Conv2d(width, 2 * width, 3, stride: 2, padding: 1)), ("relu2", LeakyReLU(0.2)),
            ("conv3", Conv2d(2 * width, 4 * width, 3, stride: 1, padding: 1)), ("relu3", LeakyReLU(0.2)),
            ("pool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("logit", Linear(4 * width, 1)));
        RegisterComponents();
    }

    /// <summary>One "real" logit per image, shape N.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return _layers.forward((images - 0.5) * 4.0).squeeze(1).MoveToOuterDisposeScope();
    }
}
