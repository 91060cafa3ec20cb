namespace SimGan.Data.Eyes;

/// <summary>
/// Renders the simulator's look: one sample per pixel (hard, aliased edges), flat skin, iris and pupil, Lambertian
/// sclera, no texture and no noise.
/// </summary>
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
                    EyeRegion.Skin => look.Skin * (1f + skinGradientX * (x - eye.CentreX) + skinGradientY * (y - eye.CentreY)),
                    EyeRegion.Corner => look.Skin * 0.75f,
                    EyeRegion.Sclera => look.Sclera * (0.55f + 0.45f * MathF.Max(0f, light.Dot(surface.NormalX, surface.NormalY, surface.NormalZ))),
                    EyeRegion.Iris => look.Iris,
                    _ => look.Pupil,
                };
                line[col] = Math.Clamp(value, 0f, 1f);
            }
        }
    }
}
