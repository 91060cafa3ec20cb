using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Core.Tests;

/// <summary>Small deterministic images for tests: a blob whose position and brightness depend on the index.</summary>
public sealed class TinyImages(ImageShape shape, long? count, float brightness) : IImageSource
{
    public ImageShape Shape => shape;
    public long? Count => count;

    public void ReadImage(long index, Span<float> destination)
    {
        var rng = new DeterministicRandom((ulong)index * 7919UL + (ulong)(brightness * 1000));
        double cx = rng.NextInt(shape.Width), cy = rng.NextInt(shape.Height);
        for (int c = 0; c < shape.Channels; c++)
            for (int y = 0; y < shape.Height; y++)
                for (int x = 0; x < shape.Width; x++)
                {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    destination[(c * shape.Height + y) * shape.Width + x] = (float)(brightness * Math.Exp(-d2 / 8.0) + 0.1);
                }
    }

    public static TrainingOptions SmallOptions(long steps = 12) => new()
    {
        Preset = "gaze", Steps = steps, BatchSize = 4, Seed = 3, PretrainRSteps = 2, PretrainDSteps = 2, KG = 2, KD = 1,
        BufferSize = 6, RefinerWidth = 8, RefinerBlocks = 1, SampleEvery = 5, CheckpointEvery = 4,
    };
}
