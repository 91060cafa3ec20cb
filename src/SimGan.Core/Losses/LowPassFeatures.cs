using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Losses;

/// <summary>
/// ψ = a Gaussian blur of standard deviation σ pixels (borders replicated): keep the image's structure above that
/// scale (where the pupil, iris and lids are, which the labels describe) and let finer detail change freely.
/// </summary>
/// <remarks>
/// With ψ = identity every pixel of texture or sensor noise the refiner adds costs λ·|change|, so a real domain whose
/// look is mostly fine, high-contrast texture (an equalised webcam patch) is penalised exactly where it differs
/// most. The paper allows any ψ; it uses the identity for eyes and the channel mean for hands.
/// </remarks>
public sealed class LowPassFeatures : IFeatureTransform
{
    public const string Prefix = "blur:";
    public const double MaxSigma = 8;

    readonly double[] _kernel;

    public LowPassFeatures(double sigma)
    {
        if (!(sigma > 0 && sigma <= MaxSigma))
            throw new ArgumentException($"the self-regularisation blur must have a sigma in (0, {MaxSigma}] pixels, not {sigma.ToString(CultureInfo.InvariantCulture)}");
        Sigma = sigma;
        int radius = (int)Math.Ceiling(3 * sigma);
        _kernel = Enumerable.Range(-radius, 2 * radius + 1).Select(i => Math.Exp(-i * i / (2 * sigma * sigma))).ToArray();
        double sum = _kernel.Sum();
        for (int i = 0; i < _kernel.Length; i++) _kernel[i] /= sum;
    }

    public double Sigma { get; }

    public string Name => Prefix + Sigma.ToString(CultureInfo.InvariantCulture);

    public Tensor Apply(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        long channels = images.shape[1], radius = _kernel.Length / 2;
        var kernel = torch.tensor(_kernel, dtype: images.dtype, device: images.device);
        // Separable and per channel (groups = channels): a row pass, then a column pass.
        var rows = kernel.view(1, 1, 1, -1).repeat(channels, 1, 1, 1);
        var columns = kernel.view(1, 1, -1, 1).repeat(channels, 1, 1, 1);
        var padded = nn.functional.pad(images, new[] { radius, radius, radius, radius }, PaddingModes.Replicate);
        var blurred = nn.functional.conv2d(nn.functional.conv2d(padded, rows, groups: channels), columns, groups: channels);
        return blurred.MoveToOuterDisposeScope();
    }
}
