using System.Globalization;

namespace SimGan.Data.Formats;

/// <summary>
/// UnityEyes conventions: vectors and points are strings "(x, y, z)" or "(x, y, z, w)"; its look_vec has y up and z
/// towards the camera, so the camera-frame gaze (x right, y down, z away) is (x, −y, −z).
/// </summary>
static class UnityEyesGaze
{
    public static double[] ParseTuple(string text)
    {
        string trimmed = text.Trim().TrimStart('(').TrimEnd(')');
        var parts = trimmed.Split(',');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InvalidDataException($"\"{text}\" is not a tuple of numbers");
        return values;
    }

    public static (double X, double Y, double Z) ToCameraFrame(double x, double y, double z) => (x, -y, -z);
}
