using SimGan.Core.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// R: input conv → ResNet blocks → 1×1 conv to the image's channels, no striding or pooling. Images enter and
/// leave in [-1, 1]; a tanh keeps the output there.
/// </summary>
/// <remarks>
/// Every convolution pads by replicating the border, where the paper's zero padding would let R tell a pixel near
/// the border from one in the middle: trained that way, R painted a dark frame around every image, which no
/// camera image has and which a realism judge spots at once (docs/demo.md).
/// </remarks>
public sealed class Refiner : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d input;
    private readonly ModuleList<ResnetBlock> blocks;
    private readonly Conv2d output;
    private ConvLayout layout = ConvLayout.ChannelsLast;

    public Refiner(RefinerSpec spec) : base(nameof(Refiner))
    {
        TorchRuntime.EnsureLoaded(); // process-wide kernel choices, before the first convolution
        spec.Validate();
        Spec = spec;
        // No padding in the modules themselves: forward replicates the border before each convolution (LayoutConv).
        input = nn.Conv2d(spec.Channels + spec.NoiseChannels, spec.Width, spec.Kernel);
        blocks = new ModuleList<ResnetBlock>();
        for (int i = 0; i < spec.Blocks; i++) blocks.Add(new ResnetBlock(spec.Width, spec.Kernel));
        output = nn.Conv2d(spec.Width, spec.Channels, 1);
        RegisterComponents();
    }

    public RefinerSpec Spec { get; }

    /// <summary>Memory layout of the activations; changes speed, not the function computed.</summary>
    public ConvLayout Layout
    {
        get => layout;
        set
        {
            layout = value;
            foreach (var block in blocks) block.Layout = value;
        }
    }

    /// <summary>Refined images: the network, then the output stage if the spec has one.</summary>
    public Tensor Refine(Tensor x)
    {
        using var raw = forward(x);
        return Output(raw);
    }

    /// <summary>The output stage applied to the network's own output (what the self-regularisation term compares).</summary>
    public Tensor Output(Tensor raw) => Spec.EqualizeOutput ? HistogramEqualization.Apply(raw) : raw.alias();

    /// <summary>
    /// The network alone, without the output stage; the result is in <paramref name="x"/>'s number format (float32
    /// with noise channels, which are float32 whatever the images are).
    /// </summary>
    public override Tensor forward(Tensor x)
    {
        if (Spec.NoiseChannels == 0) return NetworkPlacement.InFormat(input.weight!.dtype, x, Pass);
        using var withNoise = RefinerInputNoise.Append(x, Spec.NoiseChannels);
        return NetworkPlacement.InFormat(input.weight!.dtype, withNoise, Pass);
    }

    private Tensor Pass(Tensor x)
    {
        var h = LayoutConv.Forward(input, x, 1, Spec.Kernel / 2, layout, replicateBorder: true);
        h.relu_();
        foreach (var block in blocks)
        {
            var next = block.forward(h);
            h.Dispose();
            h = next;
        }
        using (h)
        using (var y = LayoutConv.Forward(output, h, 1, 0, layout))
            return Image(y.tanh_());
    }

    // A one-channel image is the same bytes in either layout; colour output goes back to NCHW so that callers
    // reading pixels (ToPixels, the L1 term against an NCHW input) see the layout they expect.
    private Tensor Image(Tensor y) => layout == ConvLayout.Contiguous || y.shape[1] == 1 ? y.alias() : y.contiguous();
}
