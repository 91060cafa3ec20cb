namespace SimGan.Data.Eyes;

/// <summary>
/// Renders the "real" look of an eye: textured, softly shaded skin with a lid crease, eyelashes on the lid margins,
/// a shadow cast by the upper lid, a striated iris with a dark limbal ring, a corneal glint, sometimes an eyebrow,
/// then defocus, sensor noise and MPIIGaze's histogram equalisation. The geometry is the same
/// <see cref="EyeGeometry"/> the simulator uses; nothing here moves a boundary by more than the blur does.
/// </summary>
public static class CameraEyeRenderer
{
    public static void Render(EyeGeometry eye, CameraLook look, Span<float> destination)
    {
        int height = eye.Height, width = eye.Width;
        // One sample per pixel: the defocus blur below is the anti-aliasing, as a lens is for a sensor.
        for (int row = 0; row < height; row++)
        for (int col = 0; col < width; col++)
        {
            float x = col + 0.5f, y = row + 0.5f;
            destination[row * width + col] = Shade(eye, look, eye.Probe(x, y), x, y);
        }
        AddGlint(eye, look, destination);
        CameraEffects.GaussianBlur(destination, height, width, look.BlurSigma);
        CameraEffects.SensorNoise(destination, height, width, look.NoiseSigma, look.TextureKey ^ 0x5EED);
        CameraEffects.EqualizeHistogram(destination);
    }

    static float Shade(EyeGeometry eye, CameraLook look, in EyeSurface surface, float x, float y)
    {
        if (surface.Region == EyeRegion.Skin) return ShadeSkin(eye, look, surface, x, y);
        float openingShadow = 1f - look.Lids.LidShadow * MathF.Exp(-surface.BelowUpperLid / EyeLids.ShadowLength(eye));
        switch (surface.Region)
        {
            case EyeRegion.Corner:
                return 0.65f * look.Skin * SkinTexture(look, x, y) * openingShadow;
            case EyeRegion.Sclera:
            {
                // Wrapped Lambert: light bleeds past the terminator as it does through the sclera's surface layers.
                float lambert = (look.Light.Dot(surface.NormalX, surface.NormalY, surface.NormalZ) + 0.3f) / 1.3f;
                return look.Sclera * (0.5f + 0.5f * MathF.Max(0f, lambert)) * openingShadow;
            }
            case EyeRegion.Iris:
            {
                float irisCos = eye.IrisCapCosine;
                float rim = Math.Clamp((1f - surface.GazeCosine) / (1f - irisCos), 0f, 1f);
                float ring = 1f - look.LimbalRing * SmoothStep(0.55f, 1f, rim);
                float fibres = 1f + look.IrisTexture * PixelHash.ValueNoise(look.TextureKey + 9, surface.IrisAngle * 9f, rim * 3f, 1f);
                return look.Iris * ring * fibres * openingShadow;
            }
            default:
                return look.Pupil;
        }
    }

    static float ShadeSkin(EyeGeometry eye, CameraLook look, in EyeSurface surface, float x, float y)
    {
        // The orbit as a broad dome, so skin brightness rolls off smoothly instead of sitting flat.
        float nx = (x - eye.CentreX) / (1.2f * eye.Width), ny = (y - eye.CentreY) / (1.2f * eye.Height);
        float nz = -MathF.Sqrt(MathF.Max(0.05f, 1f - nx * nx - ny * ny));
        float value = look.Skin * (0.65f + 0.35f * MathF.Max(0f, look.Light.Dot(nx, ny, nz))) * SkinTexture(look, x, y);

        float across = EyeLids.Across(eye, x);
        var lids = look.Lids;
        if (surface.BelowUpperLid < 0 && !float.IsNegativeInfinity(surface.BelowUpperLid))
        {
            float above = -surface.BelowUpperLid;
            if (above < lids.LashLength)
            {
                float strand = 0.55f + 0.45f * PixelHash.Unit(look.TextureKey + 3, (int)(x * 1.5f), 0);
                value *= 1f - lids.LashStrength * strand * (1f - above / lids.LashLength) * MathF.Sqrt(across);
            }
            float crease = (above - lids.CreaseGap) / 1.3f;
            value *= 1f - lids.CreaseDepth * MathF.Exp(-crease * crease) * across;
        }
        else if (surface.AboveLowerLid < 0 && !float.IsNegativeInfinity(surface.AboveLowerLid))
        {
            float below = -surface.AboveLowerLid, length = 0.5f * lids.LashLength;
            if (below < length)
                value *= 1f - EyeLids.LowerLashShare * lids.LashStrength * (1f - below / length) * MathF.Sqrt(across);
        }

        if (look.Brow.IsPresent)
        {
            // Hairs: a soft lower edge and uneven darkness.
            float inside = 1f / (1f + MathF.Exp(look.Brow.DistanceBelow(eye, x, y) / 0.8f));
            value *= 1f - look.Brow.Darkness * inside * (1f + 0.3f * PixelHash.ValueNoise(look.TextureKey + 5, x, y, 1.5f));
        }
        return value;
    }

    static float SkinTexture(CameraLook look, float x, float y)
    {
        float texture = 1f + look.SkinTexture * (PixelHash.ValueNoise(look.TextureKey, x, y, 5f)
                                                 + 0.3f * PixelHash.ValueNoise(look.TextureKey + 7, x, y, 2f));
        return PixelHash.Unit(look.TextureKey + 11, (int)x, (int)y) < look.PoreDensity ? 0.85f * texture : texture;
    }

    /// <summary>
    /// The first Purkinje image: the light's reflection on the cornea, where the corneal normal bisects the light and
    /// view directions. The cornea is modelled as a smaller sphere ahead of the eyeball's centre along the gaze.
    /// </summary>
    static void AddGlint(EyeGeometry eye, CameraLook look, Span<float> image)
    {
        if (look.GlintBrightness <= 0) return;
        var g = eye.GazeVector;
        var l = look.Light;
        float hx = l.X, hy = l.Y, hz = l.Z - 1f;
        float hn = MathF.Sqrt(hx * hx + hy * hy + hz * hz);
        float cornea = 0.65f * eye.EyeballRadius, offset = eye.EyeballRadius - cornea;
        float gx = eye.CentreX + offset * g.X + cornea * hx / hn;
        float gy = eye.CentreY + offset * g.Y + cornea * hy / hn;
        var surface = eye.Probe(gx, gy);
        if (surface.Region is not (EyeRegion.Iris or EyeRegion.Pupil)) return;
        int width = eye.Width, height = eye.Height;
        for (int row = Math.Max(0, (int)gy - 2); row <= Math.Min(height - 1, (int)gy + 2); row++)
        for (int col = Math.Max(0, (int)gx - 2); col <= Math.Min(width - 1, (int)gx + 2); col++)
        {
            float dx = col + 0.5f - gx, dy = row + 0.5f - gy;
            image[row * width + col] += look.GlintBrightness * MathF.Exp(-(dx * dx + dy * dy) / (2 * 0.36f));
        }
    }

    static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
