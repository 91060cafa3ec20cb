using System.Text.Json.Nodes;

namespace SimGan.Data.Formats;

/// <summary>Gaze labels from a gaze vector in the camera frame (x right, y down, z away from the camera).</summary>
static class GazeLabels
{
    public static JsonObject FromVector(double x, double y, double z)
    {
        double norm = Math.Sqrt(x * x + y * y + z * z);
        if (!(norm > 1e-9)) throw new InvalidDataException("the gaze vector is zero or not a number");
        x /= norm; y /= norm; z /= norm;
        return new JsonObject
        {
            ["gaze_pitch"] = Math.Round(Math.Asin(-y), 6),
            ["gaze_yaw"] = Math.Round(Math.Atan2(-x, -z), 6),
            ["gaze_vector"] = new JsonArray(Math.Round(x, 6), Math.Round(y, 6), Math.Round(z, 6)),
        };
    }
}
