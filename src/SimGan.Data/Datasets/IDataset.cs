using System.Text.Json.Nodes;
using SimGan.Core.Images;

namespace SimGan.Data.Datasets;

/// <summary>
/// A dataset as the tools see it: images by stable index (training only needs <see cref="IImageSource"/>),
/// plus a file name and the labels, which refine carries over unchanged and evaluation reads.
/// </summary>
public interface IDataset : IImageSource
{
    /// <summary>The spec string this dataset was opened from, e.g. "eyes-synthetic:1000".</summary>
    string Spec { get; }

    /// <summary>A file name for the sample, unique within the dataset (e.g. "000042.png").</summary>
    string SampleName(long index);

    /// <summary>
    /// The sample's labels as one JSON object, or null when the dataset has none. Keys follow labels.jsonl
    /// (docs/data.md): gaze_pitch, gaze_yaw (radians), gaze_vector [x, y, z], pupil_x, pupil_y (pixels), and landmarks.
    /// </summary>
    JsonObject? Labels(long index);
}
