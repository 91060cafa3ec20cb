using SimGan.Core.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// D: a small fully convolutional net whose output is an N×2×h×w map of logits (index 0 = real, 1 = refined):
/// each cell judges one receptive-field patch, which is the paper's local adversarial loss.
/// </summary>
public sealed class Discriminator : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;
    // The same modules as in `layers`, with what forward needs to run each convolution in the chosen layout.
    private readonly List<(nn.Module<Tensor, Tensor> Module, DiscriminatorLayer? Conv)> steps = new();

    public Discriminator(DiscriminatorSpec spec) : base(nameof(Discriminator))
    {
        TorchRuntime.EnsureLoaded(); // process-wide kernel choices, before the first convolution
        Spec = spec;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int channels = spec.Channels;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            bool last = i == spec.Layers.Count - 1;
            if (layer.IsPool)
            {
                var pool = nn.MaxPool2d(layer.Kernel, layer.Stride, padding: layer.Kernel / 2);
                modules.Add(($"pool{i}", pool));
                steps.Add((pool, null));
                continue;
            }
            // Padding keeps the 35×55 gaze images from shrinking below a usable map.
            var conv = nn.Conv2d(channels, layer.OutChannels, layer.Kernel, layer.Stride, padding: layer.Kernel / 2);
            modules.Add(($"conv{i}", conv));
            steps.Add((conv, layer));
            if (!last)
            {
                var relu = nn.ReLU();
                modules.Add(($"relu{i}", relu));
                steps.Add((relu, null));
            }
            channels = layer.OutChannels;
        }
        if (channels != 2) throw new ArgumentException("the discriminator's last layer must have 2 outputs (real, refined)");
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public DiscriminatorSpec Spec { get; }

    /// <summary>Memory layout of the activations; changes speed, not the function computed.</summary>
    public ConvLayout Layout { get; set; } = ConvLayout.ChannelsLast;

    /// <summary>D's logits, in <paramref name="x"/>'s number format whatever D computes in.</summary>
    public override Tensor forward(Tensor x) => NetworkPlacement.InFormat(FormatOf(), x, Pass);

    private ScalarType FormatOf() => ((Conv2d)steps.First(s => s.Conv is not null).Module).weight!.dtype;

    private Tensor Pass(Tensor x)
    {
        if (Layout == ConvLayout.Contiguous) return layers.forward(x);
        Tensor h = x.alias();
        foreach (var (module, conv) in steps)
        {
            if (module is ReLU)
            {
                // In place: the preceding convolution's backward does not need its output, and ReLU keeps its own.
                h.relu_();
                continue;
            }
            var next = conv is { } c
                ? LayoutConv.Forward((Conv2d)module, h, c.Stride, c.Kernel / 2, Layout)
                : module.forward(h);
            h.Dispose();
            h = next;
        }
        return h;
    }
}
