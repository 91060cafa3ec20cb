using static TorchSharp.torch;

namespace SimGan.Core.Losses;

/// <summary>ψ in the paper's self-regularisation ‖ψ(R(x)) − ψ(x)‖₁: what of the image the refiner must keep.</summary>
public interface IFeatureTransform
{
    string Name { get; }

    Tensor Apply(Tensor images);
}

/// <summary>ψ = identity: keep every pixel (the paper's default).</summary>
public sealed class IdentityFeatures : IFeatureTransform
{
    public string Name => "identity";

    public Tensor Apply(Tensor images) => images.alias();
}

/// <summary>ψ = mean over colour channels: keep brightness, let colour change (the paper's choice for colour images).</summary>
public sealed class ChannelMeanFeatures : IFeatureTransform
{
    public string Name => "channel-mean";

    public Tensor Apply(Tensor images) => images.mean(new long[] { 1 }, keepdim: true);
}

public static class FeatureTransforms
{
    public const string Choices = "identity, channel-mean or blur:SIGMA";

    public static IFeatureTransform ByName(string name) => name switch
    {
        "identity" => new IdentityFeatures(),
        "channel-mean" => new ChannelMeanFeatures(),
        _ when name.StartsWith(LowPassFeatures.Prefix, StringComparison.Ordinal) => new LowPassFeatures(Sigma(name)),
        _ => throw new ArgumentException($"unknown self-regularisation transform '{name}' (use {Choices})"),
    };

    static double Sigma(string name) =>
        double.TryParse(name.AsSpan(LowPassFeatures.Prefix.Length), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out double sigma)
            ? sigma
            : throw new ArgumentException($"'{name}': the self-regularisation blur takes a sigma in pixels, e.g. blur:1.5");
}
