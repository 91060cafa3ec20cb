using System.Text.Json.Nodes;

namespace SimGan.Evaluation.Gaze;

/// <summary>Reads the gaze direction out of a sample's labels (keys as in docs/data.md).</summary>
public static class GazeLabels
{
    /// <summary>
    /// The unit gaze vector: gaze_vector if present, else built from gaze_pitch/gaze_yaw with MPIIGaze's
    /// convention (pitch = asin(−y), yaw = atan2(−x, −z)).
    /// </summary>
    public static float[] VectorOf(JsonObject? labels, string sampleName)
    {
        if (labels is null) throw new InvalidDataException($"{sampleName}: no labels, but gaze evaluation needs them");
        if (labels["gaze_vector"] is JsonArray { Count: 3 } v)
            return [Component(v, 0, sampleName), Component(v, 1, sampleName), Component(v, 2, sampleName)];
        if (labels["gaze_pitch"] is JsonValue p && labels["gaze_yaw"] is JsonValue y)
        {
            double pitch = LabelNumbers.ToDouble(p, $"{sampleName}: gaze_pitch");
            double yaw = LabelNumbers.ToDouble(y, $"{sampleName}: gaze_yaw");
            return
            [
                (float)(-Math.Cos(pitch) * Math.Sin(yaw)),
                (float)(-Math.Sin(pitch)),
                (float)(-Math.Cos(pitch) * Math.Cos(yaw)),
            ];
        }
        throw new InvalidDataException($"{sampleName}: labels have neither gaze_vector nor gaze_pitch/gaze_yaw");
    }

    /// <summary>
    /// Whether <see cref="VectorOf"/> can read a gaze direction out of these labels (the same keys, without reading
    /// the numbers): a set whose images answer no here cannot score a gaze estimator.
    /// </summary>
    public static bool Present(JsonObject? labels) =>
        labels is not null
        && (labels["gaze_vector"] is JsonArray { Count: 3 } || labels["gaze_pitch"] is JsonValue && labels["gaze_yaw"] is JsonValue);

    static float Component(JsonArray vector, int i, string sampleName) =>
        (float)LabelNumbers.ToDouble(vector[i], $"{sampleName}: gaze_vector[{i}]");
}
