using SimGan.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>Two same-size convolutions with ReLU, added to the input (the paper's Fig. 3 block); borders replicated as in <see cref="Refiner"/>.</summary>
public sealed class ResnetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly long padding;

    public ResnetBlock(int width, int kernel) : base(nameof(ResnetBlock))
    {
        conv1 = nn.Conv2d(width, width, kernel);
        conv2 = nn.Conv2d(width, width, kernel);
        padding = kernel / 2;
        RegisterComponents();
    }

    public ConvLayout Layout { get; set; } = ConvLayout.ChannelsLast;

    public override Tensor forward(Tensor x)
    {
        // In place where autograd allows it (ReLU keeps its output, convolution and addition need neither output):
        // each avoided allocation is a fresh batch-sized buffer that the kernel would page-fault in.
        Tensor r;
        using (var h = LayoutConv.Forward(conv1, x, 1, padding, Layout, replicateBorder: true))
        {
            h.relu_();
            r = LayoutConv.Forward(conv2, h, 1, padding, Layout, replicateBorder: true);
        }
        r.add_(x, HeldScalars.One).relu_();
        return r;
    }
}
