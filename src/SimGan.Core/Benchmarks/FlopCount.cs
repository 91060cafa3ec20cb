using SimGan.Core.Images;
using SimGan.Core.Networks;

namespace SimGan.Core.Benchmarks;

/// <summary>One convolution of a network at a given image size, enough to count its multiply-adds.</summary>
public readonly record struct ConvCost(int InChannels, int OutChannels, int Kernel, int OutHeight, int OutWidth)
{
    /// <summary>Forward FLOPs for one image, a multiply-add counted as two.</summary>
    public double ForwardFlops => 2.0 * InChannels * OutChannels * Kernel * Kernel * OutHeight * OutWidth;
}

/// <summary>
/// Analytic FLOP counts of the training steps, convolutions only. A convolution's backward pass is two products of
/// the forward's size: one for the weight gradient and one for the input gradient; the input gradient is skipped
/// where nothing upstream needs it, exactly as autograd skips it. Bias, ReLU, pooling, tanh, the losses and the
/// optimizer update are left out: together they are well under 1 % of the count (they are O(activations), the
/// convolutions O(activations × 64 × 9)), though not of the time. The zero channels that the channels-last layout
/// pads onto one-channel inputs are not counted: these are the network's FLOPs, not the kernel's.
/// </summary>
public static class FlopCount
{
    public static IReadOnlyList<ConvCost> Refiner(RefinerSpec spec, ImageShape shape)
    {
        var convs = new List<ConvCost> { new(spec.Channels, spec.Width, spec.Kernel, shape.Height, shape.Width) };
        for (int i = 0; i < 2 * spec.Blocks; i++) convs.Add(new(spec.Width, spec.Width, spec.Kernel, shape.Height, shape.Width));
        convs.Add(new(spec.Width, spec.Channels, 1, shape.Height, shape.Width));
        return convs;
    }

    public static IReadOnlyList<ConvCost> Discriminator(DiscriminatorSpec spec, ImageShape shape)
    {
        var convs = new List<ConvCost>();
        int channels = spec.Channels, h = shape.Height, w = shape.Width;
        foreach (var layer in spec.Layers)
        {
            // Same padding rule as Discriminator: kernel / 2 on every side.
            h = (h + 2 * (layer.Kernel / 2) - layer.Kernel) / layer.Stride + 1;
            w = (w + 2 * (layer.Kernel / 2) - layer.Kernel) / layer.Stride + 1;
            if (layer.IsPool) continue;
            convs.Add(new(channels, layer.OutChannels, layer.Kernel, h, w));
            channels = layer.OutChannels;
        }
        return convs;
    }

    public static double Forward(IReadOnlyList<ConvCost> convs) => convs.Sum(c => c.ForwardFlops);

    /// <summary>
    /// R step on b images: R forward, R backward (weight gradients everywhere, input gradients for all but the first
    /// layer, whose input is data), D forward, D backward for input gradients only (D's weights are frozen, but the
    /// gradient must reach R's output through every D layer).
    /// </summary>
    public static double RefinerStep(IReadOnlyList<ConvCost> r, IReadOnlyList<ConvCost> d, int batch) =>
        batch * (3 * Forward(r) - r[0].ForwardFlops + 2 * Forward(d));

    /// <summary>
    /// The trainer's D step for batch b: R forward on b/2 images (no gradient), then D forward and backward on
    /// b/2 refined + b/2 history + b real = 2b images (weight gradients everywhere, input gradients for all but D's
    /// first layer).
    /// </summary>
    public static double DiscriminatorStep(IReadOnlyList<ConvCost> r, IReadOnlyList<ConvCost> d, int batch) =>
        batch / 2 * Forward(r) + 2 * batch * (3 * Forward(d) - d[0].ForwardFlops);

    /// <summary>The yardstick: one 64→64 k×k convolution forward, same padding, on b images.</summary>
    public static double BareConvolution(int width, int kernel, ImageShape shape, int batch) =>
        batch * new ConvCost(width, width, kernel, shape.Height, shape.Width).ForwardFlops;
}
