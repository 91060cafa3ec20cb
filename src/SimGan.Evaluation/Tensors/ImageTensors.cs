using SimGan.Core.Images;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Evaluation.Tensors;

/// <summary>
/// Evaluation sets are small enough to hold in memory, and reading each image once keeps training loops free of
/// decoding work.
/// </summary>
public static class ImageTensors
{
    /// <summary>Images [first, first + count) of <paramref name="source"/> as one N×C×H×W float tensor.</summary>
    public static Tensor Load(IImageSource source, long first, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (source.Count is long available && first + count > available)
            throw new ArgumentException($"asked for images {first}..{first + count - 1} but the set holds {available}");
        ImageShape shape = source.Shape;
        int pixels = shape.Pixels;
        var buffer = new float[checked(count * pixels)];
        for (long i = 0; i < count; i++)
            source.ReadImage(first + i, buffer.AsSpan((int)(i * pixels), pixels));
        return torch.tensor(buffer, [count, shape.Channels, shape.Height, shape.Width]);
    }

    /// <summary>How many images to use: the set's size, capped by <paramref name="limit"/>; endless sets need a limit.</summary>
    public static long Usable(IImageSource source, long? limit)
    {
        if (source.Count is long n) return limit is long cap ? Math.Min(n, cap) : n;
        return limit ?? throw new ArgumentException("an endless dataset needs an explicit image count");
    }
}
