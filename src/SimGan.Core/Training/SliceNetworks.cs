using SimGan.Core.Networks;
using SimGan.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>
/// The R and D a process computes slices with. On the CPU in fp32 they are the model's own networks, so the
/// reference arithmetic is untouched. On another device or in bf16 they are copies placed there, which take the
/// model's fp32 master weights after every optimizer step: the optimizer, its state and the checkpoints stay fp32
/// on the host, and only the gradient (read back as fp32) crosses per slice.
/// </summary>
public sealed class SliceNetworks : IDisposable
{
    private readonly SimGanModel model;
    private readonly bool copies;
    private bool refinerStale, discriminatorStale;

    public SliceNetworks(SimGanModel model, torch.Device device, Precision precision)
    {
        this.model = model;
        copies = device.type != DeviceType.CPU || precision != Precision.Fp32;
        if (!copies)
        {
            Refiner = model.Refiner;
            Discriminator = model.Discriminator;
            return;
        }
        Refiner = NetworkPlacement.Place(new Refiner(model.Refiner.Spec) { Layout = model.Refiner.Layout }, device, precision);
        Discriminator = NetworkPlacement.Place(new Discriminator(model.Discriminator.Spec) { Layout = model.Discriminator.Layout }, device, precision);
        refinerStale = discriminatorStale = true;
    }

    public Refiner Refiner { get; }

    public Discriminator Discriminator { get; }

    /// <summary>Whether these are copies of the model's networks rather than the networks themselves.</summary>
    public bool AreCopies => copies;

    /// <summary>The model's R changed (an optimizer step, a restored checkpoint): copies take its weights before the next slice.</summary>
    public void RefinerChanged() => refinerStale = copies;

    public void DiscriminatorChanged() => discriminatorStale = copies;

    /// <summary>Brings stale copies up to the model's weights (copy_ rounds them into the copies' format and device).</summary>
    public void Sync()
    {
        if (refinerStale) CopyParameters(model.Refiner, Refiner);
        if (discriminatorStale) CopyParameters(model.Discriminator, Discriminator);
        refinerStale = discriminatorStale = false;
    }

    static void CopyParameters(nn.Module from, nn.Module to)
    {
        using var _ = torch.no_grad();
        foreach (var (source, target) in from.parameters().Zip(to.parameters())) target.copy_(source);
    }

    public void Dispose()
    {
        if (!copies) return;
        Refiner.Dispose();
        Discriminator.Dispose();
    }
}
