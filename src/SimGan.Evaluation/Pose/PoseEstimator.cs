using SimGan.Core.Images;
using SimGan.Core.Runtime;
using SimGan.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SimGan.Evaluation.Pose;

/// <summary>
/// A small stacked hourglass (Newell et al. 2016, the paper's pose estimator): a strided stem to half resolution, then
/// <c>stacks</c> hourglasses (pool down <c>depth</c> times, back up with skip connections), each ending in one heatmap
/// per joint. Every stack's heatmaps are supervised; the last one's peaks are the estimate. Sized for a CPU: the paper
/// does not give its network's width, and 16 channels at 32×32 train in minutes on two cores.
/// </summary>
public sealed class PoseEstimator : Module<Tensor, Tensor>
{
    // Held for the process, as every constant of this network's arithmetic: a temporary Scalar can be freed by a
    // garbage collection while LibTorch still reads it (HeldScalars).
    static readonly Scalar InputGain = 3.0.ToScalar();
    readonly Conv2d _stem;
    readonly Residual _stemResidual;
    readonly ModuleList<Hourglass> _hourglasses = new();
    readonly ModuleList<Residual> _afterHourglass = new();
    readonly ModuleList<Conv2d> _heads = new(), _featuresBack = new(), _heatmapsBack = new();

    public PoseEstimator(ImageShape input, int joints, int width = 16, int stacks = 2, int depth = 3) : base(nameof(PoseEstimator))
    {
        TorchRuntime.EnsureLoaded();
        if (input.Height % (2 << depth) != 0 || input.Width % (2 << depth) != 0)
            throw new ArgumentException($"a {input.Height}×{input.Width} image does not halve {depth + 1} times; use a multiple of {2 << depth}");
        Input = input;
        Joints = joints;
        _stem = Conv2d(input.Channels, width, 7, stride: 2, padding: 3);
        _stemResidual = new Residual(width);
        for (int s = 0; s < stacks; s++)
        {
            _hourglasses.Add(new Hourglass(width, depth));
            _afterHourglass.Add(new Residual(width));
            _heads.Add(Conv2d(width, joints, 1));
            if (s < stacks - 1)
            {
                _featuresBack.Add(Conv2d(width, width, 1));
                _heatmapsBack.Add(Conv2d(joints, width, 1));
            }
        }
        RegisterComponents();
    }

    public ImageShape Input { get; }

    public int Joints { get; }

    /// <summary>Heatmaps of every stack, S×N×J×(H/2)×(W/2), for N×C×H×W depth images in [0, 1].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = _stemResidual.forward(functional.relu(_stem.forward(images.mul(InputGain))));
        var heatmaps = new List<Tensor>();
        for (int s = 0; s < _hourglasses.Count; s++)
        {
            var features = _afterHourglass[s].forward(_hourglasses[s].forward(x));
            var heatmap = _heads[s].forward(features);
            heatmaps.Add(heatmap);
            if (s < _hourglasses.Count - 1)
                x = x.add(_featuresBack[s].forward(features), HeldScalars.One).add(_heatmapsBack[s].forward(heatmap), HeldScalars.One);
        }
        return stack(heatmaps).MoveToOuterDisposeScope();
    }

    /// <summary>Two 3×3 convolutions with a skip around them.</summary>
    sealed class Residual : Module<Tensor, Tensor>
    {
        readonly Conv2d _a, _b;

        public Residual(int width) : base(nameof(Residual))
        {
            _a = Conv2d(width, width, 3, padding: 1);
            _b = Conv2d(width, width, 3, padding: 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            return functional.relu(_b.forward(functional.relu(_a.forward(x))).add(x, HeldScalars.One)).MoveToOuterDisposeScope();
        }
    }

    /// <summary>One hourglass level: a residual at this scale beside pool → residual → (deeper level) → residual → upsample.</summary>
    sealed class Hourglass : Module<Tensor, Tensor>
    {
        readonly Residual _skip, _down, _up;
        readonly Module<Tensor, Tensor> _inner;

        public Hourglass(int width, int depth) : base(nameof(Hourglass))
        {
            _skip = new Residual(width);
            _down = new Residual(width);
            _inner = depth > 1 ? new Hourglass(width, depth - 1) : new Residual(width);
            _up = new Residual(width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            var low = _up.forward(_inner.forward(_down.forward(functional.max_pool2d(x, 2))));
            var up = functional.interpolate(low, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
            return _skip.forward(x).add(up, HeldScalars.One).MoveToOuterDisposeScope();
        }
    }
}
