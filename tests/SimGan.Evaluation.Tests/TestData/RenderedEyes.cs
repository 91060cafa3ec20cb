using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Datasets;

namespace SimGan.Evaluation.Tests.TestData;

/// <summary>How <see cref="RenderedEyes"/> draws its images; each field is one way two sets can differ.</summary>
public sealed record EyeStyle(float Skin = 0.65f, float Iris = 0.35f, float Pupil = 0.05f, float Noise = 0f,
    float IrisRadius = 7f, float PupilRadius = 3f)
{
    public static EyeStyle Clean { get; } = new();
}

/// <summary>
/// A tiny labelled eye set with known answers: a dark pupil inside an iris disc on flat skin, the disc centre moved
/// by the gaze (pupil_x = centre + 16·sin(yaw)), drawn with 4×4 supersampling so that centres are sub-pixel exact.
/// Deterministic per (seed, index).
/// </summary>
public sealed class RenderedEyes(long count, int seed, EyeStyle style, int height = 35, int width = 55) : IDataset
{
    const int Supersample = 4;

    public ImageShape Shape { get; } = new(1, height, width);

    public long? Count => count;

    public string Spec => $"rendered-eyes:{count}:{seed}";

    public string SampleName(long index) => $"{index:D6}.png";

    public (double Pitch, double Yaw) GazeOf(long index)
    {
        var random = RandomFor(index);
        return ((random.NextDouble() * 2 - 1) * 0.35, (random.NextDouble() * 2 - 1) * 0.5);
    }

    public (double X, double Y) PupilCentreOf(long index)
    {
        (double pitch, double yaw) = GazeOf(index);
        return ((width - 1) / 2.0 + 16 * Math.Sin(yaw), (height - 1) / 2.0 - 12 * Math.Sin(pitch));
    }

    public JsonObject Labels(long index)
    {
        (double pitch, double yaw) = GazeOf(index);
        (double x, double y) = PupilCentreOf(index);
        return new JsonObject
        {
            ["gaze_pitch"] = pitch,
            ["gaze_yaw"] = yaw,
            ["gaze_vector"] = new JsonArray(-Math.Cos(pitch) * Math.Sin(yaw), -Math.Sin(pitch), -Math.Cos(pitch) * Math.Cos(yaw)),
            ["pupil_x"] = x,
            ["pupil_y"] = y,
        };
    }

    JsonObject? IDataset.Labels(long index) => Labels(index);

    public void ReadImage(long index, Span<float> destination)
    {
        (double cx, double cy) = PupilCentreOf(index);
        var noise = new Random(unchecked(seed * 7919 + (int)index * 31 + 1));
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double sum = 0;
            for (int sy = 0; sy < Supersample; sy++)
            for (int sx = 0; sx < Supersample; sx++)
            {
                double px = x + (sx + 0.5) / Supersample - 0.5, py = y + (sy + 0.5) / Supersample - 0.5;
                double r = Math.Sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy));
                sum += r <= style.PupilRadius ? style.Pupil : r <= style.IrisRadius ? style.Iris : style.Skin;
            }
            double value = sum / (Supersample * Supersample) + style.Noise * (noise.NextDouble() * 2 - 1);
            destination[y * width + x] = (float)Math.Clamp(value, 0, 1);
        }
    }

    Random RandomFor(long index) => new(unchecked(seed * 1_000_003 + (int)index));
}
