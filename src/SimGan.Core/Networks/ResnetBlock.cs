using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>Two same-size convolutions with ReLU, added to the input (the paper's Fig. 3 block).</summary>
public sealed class ResnetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;

    public ResnetBlock(int width, int kernel) : base(nameof(ResnetBlock))
    {
        conv1 = nn.Conv2d(width, width, kernel, padding: kernel / 2);
        conv2 = nn.Conv2d(width, width, kernel, padding: kernel / 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var h = nn.functional.relu(conv1.forward(x));
        using var r = conv2.forward(h);
        return nn.functional.relu(r.add_(x));
    }
}
