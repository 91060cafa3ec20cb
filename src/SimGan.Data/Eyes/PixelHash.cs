namespace SimGan.Data.Eyes;

/// <summary>
/// Stateless per-pixel randomness (texture, sensor noise): a hash of (key, x, y), so noise fields need no storage and
/// do not depend on the order pixels are visited.
/// </summary>
static class PixelHash
{
    public static uint Hash(ulong key, int x, int y)
    {
        ulong z = key ^ ((ulong)(uint)x * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)y * 0xC2B2AE3D27D4EB4FUL);
        z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDUL;
        z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return (uint)(z ^ (z >> 33));
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static float Unit(ulong key, int x, int y) => Hash(key, x, y) * (1f / 4294967296f);

    /// <summary>Approximately standard normal: the sum of four uniforms, rescaled (cheaper than Box–Muller per pixel).</summary>
    public static float Gaussian(ulong key, int x, int y)
    {
        float s = Unit(key, x, y) + Unit(key + 1, x, y) + Unit(key + 2, x, y) + Unit(key + 3, x, y);
        return (s - 2f) * 1.7320508f;
    }

    /// <summary>Smooth value noise in about [-1, 1] with features of <paramref name="cell"/> pixels.</summary>
    public static float ValueNoise(ulong key, float x, float y, float cell)
    {
        float gx = x / cell, gy = y / cell;
        int x0 = (int)MathF.Floor(gx), y0 = (int)MathF.Floor(gy);
        float fx = gx - x0, fy = gy - y0;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        float a = Unit(key, x0, y0), b = Unit(key, x0 + 1, y0);
        float c = Unit(key, x0, y0 + 1), d = Unit(key, x0 + 1, y0 + 1);
        float top = a + (b - a) * fx, bottom = c + (d - c) * fx;
        return 2f * (top + (bottom - top) * fy) - 1f;
    }
}
