using SimGan.Core.Images;
using SimGan.Core.Runtime;
using SimGan.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SimGan.Evaluation.Gaze;

/// <summary>
/// The paper's gaze CNN (Shrivastava et al. 2017, §4.2). All convolutions are unpadded ("valid"): that is what
/// makes the paper's "FC 9600" come out, since for a 35×55 input the maps run
/// 35×55 → 33×53 → 31×51 → 29×49 → pool3/2 → 14×24 → 12×22 → 10×20 → pool2/2 → 5×10, and 192 × 5 × 10 = 9600.
/// So the first FC layer maps those 9600 features to 1000 units, and the last one to the 3-D gaze vector.
/// </summary>
public sealed class GazeEstimator : Module<Tensor, Tensor>
{
    readonly Sequential _features;
    readonly Sequential _head;

    public GazeEstimator(ImageShape input, GazeEstimatorOptions options) : base(nameof(GazeEstimator))
    {
        TorchRuntime.EnsureLoaded(); // process-wide kernel choices, before the first convolution
        Input = input;
        Options = options;
        (int height, int width) = FeatureMapSize(input.Height, input.Width);
        int c1 = options.Scaled(32), c2 = options.Scaled(32), c3 = options.Scaled(64);
        int c4 = options.Scaled(80), c5 = options.Scaled(192);
        FlatFeatures = c5 * height * width;
        _features = Sequential(
            ("conv1", Conv2d(input.Channels, c1, 3)), ("relu1", ReLU()),
            ("conv2", Conv2d(c1, c2, 3)), ("relu2", ReLU()),
            ("conv3", Conv2d(c2, c3, 3)), ("relu3", ReLU()),
            ("pool1", MaxPool2d(3, 2)),
            ("conv4", Conv2d(c3, c4, 3)), ("relu4", ReLU()),
            ("conv5", Conv2d(c4, c5, 3)), ("relu5", ReLU()),
            ("pool2", MaxPool2d(2, 2)));
        _head = Sequential(
            ("flatten", Flatten()),
            ("fc1", Linear(FlatFeatures, options.HiddenUnits)), ("relu6", ReLU()),
            ("fc2", Linear(options.HiddenUnits, 3)));
        RegisterComponents();
    }

    public ImageShape Input { get; }

    public GazeEstimatorOptions Options { get; }

    /// <summary>Length of the flattened feature vector fed to the first FC layer (9600 for the paper at 35×55).</summary>
    public int FlatFeatures { get; }

    /// <summary>The unnormalised gaze vector, N×3, for N×C×H×W images in [0, 1].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        // Centring the inputs lets the unnormalised network start near zero output without a BatchNorm layer.
        var centred = images.sub(HeldScalars.Half).mul_(HeldScalars.Four);
        return _head.forward(_features.forward(centred)).MoveToOuterDisposeScope();
    }

    /// <summary>Spatial size of the last pooled map for an input of the given size; throws if it vanishes.</summary>
    public static (int Height, int Width) FeatureMapSize(int height, int width)
    {
        static int Through(int size) => (((size - 6) - 3) / 2 + 1 - 4) / 2;
        int h = Through(height), w = Through(width);
        if (h < 1 || w < 1)
            throw new ArgumentException($"a {height}×{width} image is too small for the gaze CNN (needs at least 19×19)");
        return (h, w);
    }
}
