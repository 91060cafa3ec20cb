using SimGan.Core.Images;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Networks;

/// <summary>
/// Standard normal channels appended to the refiner's input (<see cref="RefinerSpec.NoiseChannels"/>). A refiner
/// without them is a deterministic convolution of its input, so a flat region of a synthetic image (a simulator's
/// iris, sclera or skin) can only come out flat or patterned by its edges, while a camera's images carry grain
/// everywhere; with noise to shape, R can draw it (docs/real-data.md measures what that buys).
/// </summary>
/// <remarks>
/// The noise is a pure function of the image's own bits, not of a generator that advances: every engine, every slice,
/// a resumed run and a later <c>simgan refine</c> give an image the same noise, so R stays a function of its input and
/// the engines still agree bit for bit. The scheme is simple enough to reproduce outside this code
/// (docs/refiner-export.md): a splitmix64 hash chained over the image's float32 bits in C×H×W order, then two
/// splitmix64 draws per noise value through Box–Muller.
/// </remarks>
public static class RefinerInputNoise
{
    /// <summary>The name the export writes, so a reader that computes other noise refuses the file.</summary>
    public const string Scheme = "splitmix64-box-muller/1";

    const ulong HashStart = 0x53494D47414E5A31UL;

    /// <summary>The input with <paramref name="channels"/> noise channels after its own, on its device, in float32.</summary>
    public static Tensor Append(Tensor images, int channels)
    {
        long n = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        // The intermediate copies (to the host, to float32, to NCHW order) are disposed with this scope.
        using var scope = torch.NewDisposeScope();
        var pixels = images.detach().to(float32).cpu().contiguous().data<float>().ToArray();
        int imageSize = checked((int)(c * h * w)), noiseSize = checked((int)(channels * h * w));
        var noise = new float[n * noiseSize];
        for (int i = 0; i < n; i++)
            Fill(pixels.AsSpan(i * imageSize, imageSize), noise.AsSpan(i * noiseSize, noiseSize));
        var noiseTensor = torch.tensor(noise, [n, channels, h, w], device: images.device);
        var input = images.dtype == float32 ? images : images.to(float32);
        return torch.cat([input, noiseTensor], 1).MoveToOuterDisposeScope();
    }

    /// <summary>One image's noise: <paramref name="noise"/>.Length values, a function of <paramref name="image"/>'s bits alone.</summary>
    public static void Fill(ReadOnlySpan<float> image, Span<float> noise)
    {
        ulong key = HashStart;
        foreach (float v in image) key = BatchPlan.Mix(key ^ BitConverter.SingleToUInt32Bits(v));
        for (int k = 0; k < noise.Length; k++)
        {
            ulong draw = key + 2 * (ulong)k;
            // u1 in (0, 1] keeps the logarithm finite; 53 bits, as a double's mantissa holds.
            double u1 = ((BatchPlan.Mix(draw) >> 11) + 1) * (1.0 / (1UL << 53));
            double u2 = (BatchPlan.Mix(draw + 1) >> 11) * (1.0 / (1UL << 53));
            noise[k] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
