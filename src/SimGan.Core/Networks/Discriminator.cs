using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// D: a small fully convolutional net whose output is an N×2×h×w map of logits (index 0 = real, 1 = refined):
/// each cell judges one receptive-field patch, which is the paper's local adversarial loss.
/// </summary>
public sealed class Discriminator : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;

    public Discriminator(DiscriminatorSpec spec) : base(nameof(Discriminator))
    {
        Spec = spec;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int channels = spec.Channels;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            bool last = i == spec.Layers.Count - 1;
            if (layer.IsPool)
            {
                modules.Add(($"pool{i}", nn.MaxPool2d(layer.Kernel, layer.Stride, padding: layer.Kernel / 2)));
                continue;
            }
            // Padding keeps the 35×55 gaze images from shrinking below a usable map.
            modules.Add(($"conv{i}", nn.Conv2d(channels, layer.OutChannels, layer.Kernel, layer.Stride, padding: layer.Kernel / 2)));
            if (!last) modules.Add(($"relu{i}", nn.ReLU()));
            channels = layer.OutChannels;
        }
        if (channels != 2) throw new ArgumentException("the discriminator's last layer must have 2 outputs (real, refined)");
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public DiscriminatorSpec Spec { get; }

    public override Tensor forward(Tensor x) => layers.forward(x);
}
