using SimGan.Core.Images;
using SimGan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Tests.Training;

public class GarbageCollectionDuringStepsTests
{
    [Fact]
    public void Refiner_and_discriminator_steps_survive_garbage_collections_during_their_native_calls()
    {
        // The steps' own arithmetic (residual additions, loss weights, label maps, gradient setting) handed LibTorch
        // temporary Scalars that a collection could free mid-call (see HeldScalars): this failed within 6 to 13 s,
        // about 40 to 90 steps, in three of three runs before that was fixed.
        var shape = new ImageShape(1, 12, 16);
        using var model = SimGanModel.Create(TinyImages.SmallOptions() with { RefinerBlocks = 3 }, shape);
        using var generator = new Generator(4);
        using var synthetic = torch.rand(new long[] { 4, 1, 12, 16 }, generator: generator) * 2 - 1;
        using var real = torch.rand(new long[] { 4, 1, 12, 16 }, generator: generator) * 2 - 1;
        using var storm = new GarbageCollectionStorm();
        for (int step = 0; step < 100; step++)
        {
            var losses = RefinerStep.Run(model, synthetic, adversarial: true);
            double lossD = DiscriminatorStep.Run(model, synthetic, real, slices: 2);
            Assert.True(double.IsFinite(losses.Adversarial) && double.IsFinite(lossD));
        }
    }
}
