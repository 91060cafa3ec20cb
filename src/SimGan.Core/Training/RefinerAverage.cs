using SimGan.Core.Networks;
using TorchSharp;

namespace SimGan.Core.Training;

/// <summary>
/// An exponential moving average of R's weights (Yazıcı et al. 2019, "The unusual effectiveness of averaging in GAN
/// training"): the refiner a run exports when it is on. Adversarial training makes R's weights circle around a good
/// point rather than settle on it; their average sits nearer the point and changes slowly, so checkpoints a few
/// hundred steps apart refine alike. Training itself never reads it: D always sees the live R.
/// </summary>
public sealed class RefinerAverage : IDisposable
{
    public RefinerAverage(Refiner live, double decay)
    {
        if (!(decay > 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), "the average's decay must be in (0, 1)");
        Decay = decay;
        Network = new Refiner(live.Spec);
        using var noGrad = torch.no_grad();
        foreach (var (mine, theirs) in Network.parameters().Zip(live.parameters())) mine.copy_(theirs);
        Network.eval();
    }

    public Refiner Network { get; }

    public double Decay { get; }

    /// <summary>Updates so far; kept in checkpoints, because the warm-up below depends on it.</summary>
    public long Updates { get; set; }

    /// <summary>
    /// Moves the average towards R's current weights. The effective decay starts small, (1 + n) / (10 + n) after n
    /// updates, so the average follows R closely while R is far from its initial weights and slows down later.
    /// </summary>
    public void Update(Refiner live)
    {
        double d = Math.Min(Decay, (1.0 + Updates) / (10.0 + Updates));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var keep = d.ToScalar();
        using var take = (1 - d).ToScalar();
        foreach (var (mine, theirs) in Network.parameters().Zip(live.parameters())) mine.mul_(keep).add_(theirs, take);
        Updates++;
    }

    public void Dispose() => Network.Dispose();
}
