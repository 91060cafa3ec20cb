using System.Globalization;
using System.Text.Json.Nodes;

namespace SimGan.Evaluation.Gaze;

/// <summary>
/// Numbers from label JSON, whichever way the node was made: parsed labels hold JsonElements, but labels built in
/// code hold the CLR value (a double, float or int), and JsonValue.GetValue only converts the former.
/// </summary>
public static class LabelNumbers
{
    public static double ToDouble(JsonNode? node, string what)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue(out double d)) return d;
            if (value.TryGetValue(out float f)) return f;
            if (value.TryGetValue(out long l)) return l;
            if (value.TryGetValue(out int i)) return i;
            if (value.TryGetValue(out decimal m)) return (double)m;
            if (double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
        }
        throw new InvalidDataException($"{what} is not a number");
    }
}
