using TorchSharp;

namespace SimGan.Core.Tensors;

/// <summary>
/// Scalars that live as long as the process, for the constants of tensor arithmetic on the training and evaluation
/// paths. Variable numbers (λ, a slice's share, a learning rate) are made into a Scalar held by <c>using</c> until
/// the call that reads it returns.
/// </summary>
/// <remarks>
/// TorchSharp turns every number it is given, and the hidden α = 1 of <c>add(Tensor)</c> and <c>+</c>, into a
/// temporary Scalar that only a finalizer frees and that nothing references once the native call has its handle. A
/// garbage collection during that call can free the value before LibTorch reads it, and the operation fails ("Expected
/// false to be true" from Scalar::toFloat); see SimGan.Core.Optimizers.Adam.
/// </remarks>
public static class HeldScalars
{
    /// <summary>An integer 1, as TorchSharp's own <c>add(Tensor)</c> passes it.</summary>
    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar Zero = 0.ToScalar();

    public static readonly Scalar OneSingle = 1f.ToScalar();

    public static readonly Scalar TwoSingle = 2f.ToScalar();

    public static readonly Scalar HalfSingle = 0.5f.ToScalar();

    public static readonly Scalar ZeroSingle = 0f.ToScalar();

    public static readonly Scalar Half = 0.5.ToScalar();

    public static readonly Scalar Four = 4.0.ToScalar();
}
