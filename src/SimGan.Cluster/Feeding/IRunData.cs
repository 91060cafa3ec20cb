using SimGan.Core.Images;
using SimGan.Core.Training;

namespace SimGan.Cluster.Feeding;

/// <summary>How a node turns dataset specs into images; the program supplies it, so this project knows no formats.</summary>
public interface IRunData
{
    /// <summary>Opens a dataset spec; <paramref name="channels"/> asks for a channel count (the real set follows the synthetic one).</summary>
    IImageSource Open(string spec, ulong seed, bool strict, int? channels);

    /// <summary>Reads a stream's batches, possibly ahead of time (bounded).</summary>
    IBatchFeed Feed(IImageSource source, BatchPlan plan);

    /// <summary>
    /// Opens a set the feeder also opens, for a slice worker's own reads: the same images, but not listed again
    /// among the samples a run skipped.
    /// </summary>
    IImageSource OpenCopy(string spec, ulong seed, bool strict, int? channels);
}
