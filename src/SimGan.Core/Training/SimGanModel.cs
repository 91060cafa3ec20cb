using SimGan.Core.Augmentation;
using SimGan.Core.Images;
using SimGan.Core.Losses;
using SimGan.Core.Networks;
using SimGan.Core.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>The two networks, their optimizers and ψ: everything a step reads or changes besides the data.</summary>
public sealed class SimGanModel : IDisposable
{
    private SimGanModel(TrainingOptions options, ImageShape shape)
    {
        Options = options;
        Shape = shape;
        Refiner = new Refiner(options.RefinerFor(shape.Channels));
        Discriminator = new Discriminator(options.DiscriminatorFor(shape.Channels));
        // One seed fixes the initial weights, drawn from a private generator that no other thread can advance.
        SeededInitialization.Apply((long)(options.Seed & 0x7FFFFFFFFFFFFFFF), Refiner, Discriminator);
        RefinerOptimizer = MakeOptimizer(Refiner.parameters(), options.LrR);
        DiscriminatorOptimizer = MakeOptimizer(Discriminator.parameters(), options.LrD);
        Psi = FeatureTransforms.ByName(options.SelfRegularization);
        Augmentation = options.AugmentationPolicy;
        Average = options.EmaDecay > 0 ? new RefinerAverage(Refiner, options.EmaDecay) : null;
    }

    public static SimGanModel Create(TrainingOptions options, ImageShape shape)
    {
        options.Validate();
        return new SimGanModel(options, shape);
    }

    public TrainingOptions Options { get; }
    public ImageShape Shape { get; }
    public Refiner Refiner { get; }
    public Discriminator Discriminator { get; }
    public optim.Optimizer RefinerOptimizer { get; }
    public optim.Optimizer DiscriminatorOptimizer { get; }
    public IFeatureTransform Psi { get; }

    public AugmentationPolicy Augmentation { get; }

    /// <summary>The moving average of R's weights, when the options ask for one.</summary>
    public RefinerAverage? Average { get; }

    /// <summary>The refiner a run exports and a checkpoint is refined with: the average when there is one.</summary>
    public Refiner ExportedRefiner => Average?.Network ?? Refiner;

    private optim.Optimizer MakeOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr) =>
        Options.Optimizer == "sgd" ? new Optimizers.SGD(parameters, lr) : new Optimizers.Adam(parameters, lr);

    public void Dispose()
    {
        Refiner.Dispose();
        Average?.Dispose();
        Discriminator.Dispose();
        RefinerOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
    }
}
