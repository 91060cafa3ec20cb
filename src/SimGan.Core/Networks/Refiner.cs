using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// R: input conv → ResNet blocks → 1×1 conv to the image's channels, no striding or pooling. Images enter and
/// leave in [-1, 1]; a tanh keeps the output there.
/// </summary>
public sealed class Refiner : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d input;
    private readonly ModuleList<ResnetBlock> blocks;
    private readonly Conv2d output;

    public Refiner(RefinerSpec spec) : base(nameof(Refiner))
    {
        spec.Validate();
        Spec = spec;
        input = nn.Conv2d(spec.Channels, spec.Width, spec.Kernel, padding: spec.Kernel / 2);
        blocks = new ModuleList<ResnetBlock>();
        for (int i = 0; i < spec.Blocks; i++) blocks.Add(new ResnetBlock(spec.Width, spec.Kernel));
        output = nn.Conv2d(spec.Width, spec.Channels, 1);
        RegisterComponents();
    }

    public RefinerSpec Spec { get; }

    public override Tensor forward(Tensor x)
    {
        var h = nn.functional.relu(input.forward(x));
        foreach (var block in blocks)
        {
            var next = block.forward(h);
            h.Dispose();
            h = next;
        }
        using (h)
        using (var y = output.forward(h))
            return y.tanh();
    }
}
