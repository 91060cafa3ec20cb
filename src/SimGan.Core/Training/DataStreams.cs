using SimGan.Core.Images;

namespace SimGan.Core.Training;

/// <summary>The independent data streams a run reads; each is a deterministic function of (seed, stream, number).</summary>
public enum DataStream : byte { SyntheticForRefiner = 0, SyntheticForDiscriminator = 1, Real = 2, Samples = 3 }

/// <summary>Which images each stream serves and in what batches: one definition for every engine.</summary>
public static class DataStreams
{
    public static BatchPlan Plan(DataStream stream, TrainingOptions options, long? count) => stream switch
    {
        DataStream.SyntheticForRefiner => new BatchPlan(options.Seed, "synthetic/refiner", options.BatchSize, count),
        DataStream.SyntheticForDiscriminator => new BatchPlan(options.Seed, "synthetic/discriminator", options.BatchSize / 2, count),
        DataStream.Real => new BatchPlan(options.Seed, "real", options.BatchSize, count),
        // A fixed batch, so successive sample grids show the same images changing.
        DataStream.Samples => new BatchPlan(options.Seed, "samples", Math.Min(8, options.BatchSize), count),
        _ => throw new ArgumentOutOfRangeException(nameof(stream)),
    };
}
