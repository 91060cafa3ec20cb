namespace SimGan.Data.Eyes;

/// <summary>
/// Renders the simulator's look: one sample per pixel (hard, aliased edges), flat tones, one light, a skin texture
/// map, the lids' lashes, crease and shadow as flat hard-edged bands, an eyebrow band at times, then a renderer's
/// sampling grain.
/// </summary>
/// <remarks>
/// The scene is the camera domain's (the same geometry, brow and lid distributions); what differs is how it looks.
/// The texture and grain give the refiner something to shape: a refiner is a deterministic function of its input,
/// so from a perfectly flat region it can only produce another flat region, never the skin texture and sensor noise
/// of a camera image. UnityEyes, the paper's simulator, renders textured skin for the same reason it looks plausible.
/// </remarks>
public static class SyntheticEyeRenderer
{
    public static void Render(EyeGeometry eye, SyntheticLook look, Span<float> destination)
    {
        int height = eye.Height, width = eye.Width;
        for (int row = 0; row < height; row++)
        {
            float y = row + 0.5f;
            var line = destination.Slice(row * width, width);
            for (int col = 0; col < width; col++)
            {
                float x = col + 0.5f;
                float value = Shade(eye, look, eye.Probe(x, y), x, y);
                value += look.Grain * PixelHash.Gaussian(look.TextureKey ^ 0x6A41, col, row);
                line[col] = Math.Clamp(value, 0f, 1f);
            }
        }
    }

    static float Shade(EyeGeometry eye, SyntheticLook look, in EyeSurface surface, float x, float y)
    {
        if (surface.Region == EyeRegion.Skin) return ShadeSkin(eye, look, surface, x, y);
        // The lid's shadow as a renderer with hard shadows casts it: full strength, then none.
        float shadow = surface.BelowUpperLid < EyeLids.ShadowLength(eye) ? 1f - look.Lids.LidShadow : 1f;
        return shadow * (surface.Region switch
        {
            EyeRegion.Corner => look.Skin * 0.75f * SkinMap(look, x, y),
            EyeRegion.Sclera => look.Sclera * Lambert(look.Light, surface.NormalX, surface.NormalY, surface.NormalZ),
            EyeRegion.Iris => look.Iris,
            _ => look.Pupil,
        });
    }

    static float ShadeSkin(EyeGeometry eye, SyntheticLook look, in EyeSurface surface, float x, float y)
    {
        // The orbit as a dome under the one light, as the camera domain shapes it, with plain Lambert shading.
        float nx = (x - eye.CentreX) / (1.2f * eye.Width), ny = (y - eye.CentreY) / (1.2f * eye.Height);
        float nz = -MathF.Sqrt(MathF.Max(0.05f, 1f - nx * nx - ny * ny));
        float value = look.Skin * Lambert(look.Light, nx, ny, nz) * SkinMap(look, x, y);

        var lids = look.Lids;
        float across = EyeLids.Across(eye, x);
        if (surface.BelowUpperLid < 0 && !float.IsNegativeInfinity(surface.BelowUpperLid))
        {
            float above = -surface.BelowUpperLid;
            if (above < lids.LashLength) value *= 1f - lids.LashStrength * MathF.Sqrt(across);
            if (MathF.Abs(above - lids.CreaseGap) < 0.8f) value *= 1f - lids.CreaseDepth * across;
        }
        else if (surface.AboveLowerLid < 0 && !float.IsNegativeInfinity(surface.AboveLowerLid))
        {
            if (-surface.AboveLowerLid < 0.5f * lids.LashLength)
                value *= 1f - EyeLids.LowerLashShare * lids.LashStrength * MathF.Sqrt(across);
        }
        if (look.Brow.IsPresent && look.Brow.DistanceBelow(eye, x, y) < 0) value *= 1f - look.Brow.Darkness;
        return value;
    }

    static float Lambert(LightDirection light, float nx, float ny, float nz) =>
        0.55f + 0.45f * MathF.Max(0f, light.Dot(nx, ny, nz));

    /// <summary>A texture map's relief: coarser and smoother than a camera's skin, with no pores.</summary>
    static float SkinMap(SyntheticLook look, float x, float y) =>
        1f + look.SkinTexture * (PixelHash.ValueNoise(look.TextureKey, x, y, 4f)
                                 + 0.4f * PixelHash.ValueNoise(look.TextureKey + 1, x, y, 1.5f));
}
