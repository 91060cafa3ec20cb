namespace SimGan.Data.Eyes;

/// <summary>
/// Renders the simulator's look: one sample per pixel (hard, aliased edges), a skin texture map, flat iris and pupil,
/// Lambertian sclera, then a renderer's sampling grain.
/// </summary>
/// <remarks>
/// The texture and grain give the refiner something to shape: a refiner is a deterministic function of its input,
/// so from a perfectly flat region it can only produce another flat region, never the skin texture and sensor noise
/// of a camera image. UnityEyes, the paper's simulator, renders textured skin for the same reason it looks plausible.
/// </remarks>
public static class SyntheticEyeRenderer
{
    public static void Render(EyeGeometry eye, SyntheticLook look, Span<float> destination)
    {
        int height = eye.Height, width = eye.Width;
        var light = look.Light;
        float skinGradientX = 0.16f * light.X / width, skinGradientY = 0.16f * light.Y / height;
        for (int row = 0; row < height; row++)
        {
            float y = row + 0.5f;
            var line = destination.Slice(row * width, width);
            for (int col = 0; col < width; col++)
            {
                float x = col + 0.5f;
                var surface = eye.Probe(x, y);
                float value = surface.Region switch
                {
                    EyeRegion.Skin => look.Skin * SkinMap(look, x, y) * (1f + skinGradientX * (x - eye.CentreX) + skinGradientY * (y - eye.CentreY)),
                    EyeRegion.Corner => look.Skin * 0.75f * SkinMap(look, x, y),
                    EyeRegion.Sclera => look.Sclera * (0.55f + 0.45f * MathF.Max(0f, light.Dot(surface.NormalX, surface.NormalY, surface.NormalZ))),
                    EyeRegion.Iris => look.Iris,
                    _ => look.Pupil,
                };
                value += look.Grain * PixelHash.Gaussian(look.TextureKey ^ 0x6A41, col, row);
                line[col] = Math.Clamp(value, 0f, 1f);
            }
        }
    }

    /// <summary>A texture map's relief: coarser and smoother than a camera's skin, with no pores.</summary>
    static float SkinMap(SyntheticLook look, float x, float y) =>
        1f + look.SkinTexture * (PixelHash.ValueNoise(look.TextureKey, x, y, 4f)
                                 + 0.4f * PixelHash.ValueNoise(look.TextureKey + 1, x, y, 1.5f));
}
