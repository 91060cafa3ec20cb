using SimGan.Data.Eyes;
using SimGan.Data.Hands;

namespace SimGan.Data.Tests.Hands;

public class DepthSensorTests
{
    const int Size = 48;

    /// <summary>A wall at 900 mm with a nearer block (700 mm) in its middle, and a steep ramp along the bottom rows.</summary>
    static float[] Scene()
    {
        var depth = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
            depth[y * Size + x] = y >= 40 ? 700 + 20 * x : x is >= 16 and < 32 && y is >= 10 and < 30 ? 700 : 900;
        return depth;
    }

    static float[] Sensed(ulong seed)
    {
        var depth = Scene();
        var random = new SampleRandom(seed);
        DepthSensor.Apply(depth, Size, Size, millimetresPerPixel: 3, ref random);
        return depth;
    }

    [Fact]
    public void Readings_are_quantised_in_disparity()
    {
        foreach (float z in Sensed(1).Where(z => z > 0))
        {
            double eighths = DepthCamera.Focal * 75 / z * 8;
            Assert.True(Math.Abs(eighths - Math.Round(eighths)) < 1e-3, $"{z} mm is not a whole number of 1/8-pixel disparities");
        }
    }

    [Fact]
    public void The_projector_shadows_one_side_of_a_nearer_block_and_steep_surfaces_read_nothing()
    {
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var depth = Sensed(seed);
            // Just right of the block's right edge (x = 32), where the wall lies behind it: the shadow.
            for (int y = 12; y < 28; y++) Assert.Equal(0f, depth[y * Size + 32]);
            // The ramp rises 20 mm per 3 mm pixel, far steeper than 70°: no readings.
            for (int x = 2; x < Size - 2; x++) Assert.Equal(0f, depth[44 * Size + x]);
            // The flat wall away from every edge reads close to its depth.
            Assert.InRange(depth[5 * Size + 5], 890f, 910f);
        }
    }

    [Fact]
    public void The_same_stream_gives_the_same_readings()
    {
        Assert.Equal(Sensed(7), Sensed(7));
        Assert.NotEqual(Sensed(7), Sensed(8));
    }
}
