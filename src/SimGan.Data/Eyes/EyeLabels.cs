using System.Text.Json.Nodes;

namespace SimGan.Data.Eyes;

/// <summary>The labels.jsonl object of an eye (schema in docs/data.md).</summary>
public static class EyeLabels
{
    public const int IrisPoints = 32;
    public const int MarginPointsPerLid = 8;

    public static JsonObject For(EyeGeometry eye)
    {
        var gaze = eye.GazeVector;
        var pupil = eye.PupilCentre;
        return new JsonObject
        {
            ["gaze_pitch"] = Round(eye.Pitch),
            ["gaze_yaw"] = Round(eye.Yaw),
            ["gaze_vector"] = new JsonArray(Round(gaze.X), Round(gaze.Y), Round(gaze.Z)),
            ["pupil_x"] = Round(pupil.X),
            ["pupil_y"] = Round(pupil.Y),
            ["iris_2d"] = Points(eye.IrisContour(IrisPoints)),
            ["interior_margin_2d"] = Points(eye.InteriorMargin(MarginPointsPerLid)),
        };
    }

    static JsonArray Points((float X, float Y)[] points)
    {
        var array = new JsonArray();
        foreach (var (x, y) in points) array.Add(new JsonArray(Round(x), Round(y)));
        return array;
    }

    /// <summary>Six decimals keep files small and are far below a pixel or a hundredth of a degree.</summary>
    static JsonNode Round(float value) => JsonValue.Create(Math.Round((double)value, 6))!;
}
