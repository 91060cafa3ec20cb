using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// How the networks lay out activations for their convolutions. Both compute the same function (up to float
/// rounding); they differ in speed. See docs/benchmarks.md for the measurements behind the default.
/// </summary>
public enum ConvLayout
{
    /// <summary>Plain NCHW, as written: oneDNN reorders every activation and weight to its blocked format and back.</summary>
    Contiguous,

    /// <summary>
    /// NHWC activations (channels-last strides on NCHW-shaped tensors), which oneDNN convolves without reorders; images
    /// with fewer than four channels are zero-padded to four so that the first layer also gets a vectorised kernel.
    /// </summary>
    ChannelsLast,
}

/// <summary>One convolution of a network, run in the layout its owner asks for.</summary>
internal static class LayoutConv
{
    // oneDNN's NHWC kernels vectorise over input channels; with one channel it falls back to a reference path that
    // ran at ~1 GFLOP/s here, while four zero-padded channels run the jit kernel. Zeros add exact zeros, so the sum
    // only changes by summation order.
    const int MinChannels = 4;

    /// <summary>
    /// <paramref name="padding"/> pixels are added on every side: zeros, or with <paramref name="replicateBorder"/>
    /// copies of the edge pixels, which do not tell the layers where the image ends.
    /// </summary>
    public static Tensor Forward(Conv2d conv, Tensor x, long stride, long padding, ConvLayout layout, bool replicateBorder = false)
    {
        var weight = conv.weight ?? throw new InvalidOperationException("convolution without weights");
        if (replicateBorder && padding > 0)
        {
            using var padded = nn.functional.pad(x, [padding, padding, padding, padding], PaddingModes.Replicate);
            return Forward(conv, padded, stride, 0, layout);
        }
        if (layout == ConvLayout.Contiguous)
            return nn.functional.conv2d(x, weight, conv.bias, strides: [stride, stride], padding: [padding, padding]);
        long channels = weight.shape[1];
        long pad = channels < MinChannels ? MinChannels - channels : 0;
        // The parameter itself stays contiguous, so checkpoints, optimizer state and exports are untouched; the
        // permuted copy is tiny and autograd routes its gradient back to the parameter.
        using var w = ChannelsLast(weight, pad);
        using var input = x.shape[1] == channels + pad && IsChannelsLast(x) ? x.alias() : ChannelsLast(x, pad);
        return nn.functional.conv2d(input, w, conv.bias, strides: [stride, stride], padding: [padding, padding]);
    }

    /// <summary>The same NCHW-shaped tensor with NHWC strides, optionally with <paramref name="padChannels"/> zero channels appended.</summary>
    public static Tensor ChannelsLast(Tensor t, long padChannels = 0)
    {
        using var nhwc = t.permute(0, 2, 3, 1);
        if (padChannels == 0)
        {
            using var packed = nhwc.contiguous();
            return packed.permute(0, 3, 1, 2);
        }
        using var padded = nn.functional.pad(nhwc, [0, padChannels]);
        return padded.permute(0, 3, 1, 2);
    }

    public static bool IsChannelsLast(Tensor t)
    {
        if (t.dim() != 4) return false;
        var s = t.stride();
        long c = t.shape[1], h = t.shape[2], w = t.shape[3];
        return s[1] == 1 && s[3] == c && s[2] == c * w && s[0] == c * w * h;
    }
}
