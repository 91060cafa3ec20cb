using System.Buffers;

namespace SimGan.Data.Eyes;

/// <summary>
/// Renders an eye as a modern eye renderer (UnityEyes) would at patch size: 16 samples per pixel wherever a surface
/// boundary passes through it (one elsewhere, where the scene is smooth and its fine detail is prefiltered), skin
/// shaded over the orbit with the lid's margin, crease and fold, soft lash strands, a sphere-shaded sclera under the
/// upper lid's soft shadow, a fibrous iris with a dark limbus and a soft-edged pupil, corneal glints where the cornea
/// reflects the lights, and a slight optical blur. No camera texture, noise or equalisation: that is the refiner's
/// part.
/// </summary>
/// <remarks>
/// Every boundary is the <see cref="EyeGeometry"/>'s (regions come from <see cref="EyeGeometry.Probe"/>), so labels
/// stay exact; shading only darkens or brightens either side of them. Everything random comes from the look's values
/// and <see cref="PixelHash"/>, so an image depends on nothing but its sample.
/// </remarks>
public static partial class RenderedEyeRenderer
{
    /// <summary>Samples per pixel side where a pixel needs anti-aliasing (16 samples).</summary>
    public const int GridSide = 4;

    /// <summary>The width, in pixels, of the footprint one sample stands for: a whole pixel, or one cell of the grid.</summary>
    const float PixelFootprint = 1f, SampleFootprint = 1f / GridSide;

    static readonly (float X, float Y)[] Offsets = SampleOffsets();

    public static void Render(EyeGeometry eye, RenderedLook look, Span<float> destination)
    {
        int height = eye.Height, width = eye.Width, pixels = height * width;
        if (destination.Length != pixels)
            throw new ArgumentException($"destination holds {destination.Length} floats, the image has {pixels}");
        var scene = new Scene(eye, look);
        int cornerWidth = width + 1;
        byte[] cornerBuffer = ArrayPool<byte>.Shared.Rent((height + 1) * cornerWidth);
        float[] coverageBuffer = ArrayPool<float>.Shared.Rent(pixels);
        SkinColumn[] columns = ArrayPool<SkinColumn>.Shared.Rent(width);
        try
        {
            for (int col = 0; col < width; col++) columns[col] = scene.Column(col + 0.5f);

            // The region at every pixel corner: a pixel whose corners and centre agree holds one smooth surface and
            // needs one sample (a sliver thinner than a pixel between two corners is the blur's to soften).
            var corners = cornerBuffer.AsSpan(0, (height + 1) * cornerWidth);
            for (int row = 0; row <= height; row++)
            for (int col = 0; col <= width; col++)
                corners[row * cornerWidth + col] = Boundary(eye.Probe(col, row).Region);

            var coverage = coverageBuffer.AsSpan(0, pixels);
            for (int row = 0; row < height; row++)
            for (int col = 0; col < width; col++)
            {
                float x = col + 0.5f, y = row + 0.5f;
                var centre = eye.Probe(x, y);
                byte region = Boundary(centre.Region);
                int corner = row * cornerWidth + col;
                bool smooth = corners[corner] == region && corners[corner + 1] == region
                              && corners[corner + cornerWidth] == region && corners[corner + cornerWidth + 1] == region;
                int index = row * width + col;
                if (smooth)
                {
                    float skin = centre.Region is EyeRegion.Skin or EyeRegion.Corner ? scene.SkinField(columns[col], x, y) : 0f;
                    destination[index] = scene.Shade(centre, x, y, skin, PixelFootprint);
                    coverage[index] = centre.Region == EyeRegion.Skin ? 0f : 1f;
                    continue;
                }
                float skinField = scene.SkinField(columns[col], x, y);
                float sum = 0, covered = 0;
                foreach (var (ox, oy) in Offsets)
                {
                    float sx = col + ox, sy = row + oy;
                    var surface = eye.Probe(sx, sy);
                    sum += scene.Shade(surface, sx, sy, skinField, SampleFootprint);
                    if (surface.Region != EyeRegion.Skin) covered++;
                }
                destination[index] = sum / Offsets.Length;
                coverage[index] = covered / Offsets.Length;
            }

            scene.AddGlint(look.Light, look.GlintBrightness, look.GlintSize, coverage, destination);
            scene.AddGlint(look.FillLight, look.FillGlintBrightness, 0.8f * look.GlintSize, coverage, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cornerBuffer);
            ArrayPool<float>.Shared.Return(coverageBuffer);
            ArrayPool<SkinColumn>.Shared.Return(columns);
        }
        CameraEffects.GaussianBlur(destination, height, width, look.BlurSigma);
        foreach (ref float v in destination) v = Math.Clamp(v, 0f, 1f);
    }

    /// <summary>
    /// The surfaces whose meeting is a hard edge that needs samples. Iris and pupil count as one: the pupil's edge is
    /// a soft blend wider than a sample spacing, drawn by the shading itself.
    /// </summary>
    static byte Boundary(EyeRegion region) => (byte)(region == EyeRegion.Pupil ? EyeRegion.Iris : region);

    /// <summary>
    /// A 4×4 grid with each sample shifted within its cell so that all 16 differ in both x and y (as n-rooks
    /// sampling): a near-horizontal or near-vertical edge then gets 17 levels of coverage rather than 5.
    /// </summary>
    static (float, float)[] SampleOffsets()
    {
        var offsets = new (float, float)[GridSide * GridSide];
        for (int i = 0; i < GridSide; i++)
        for (int j = 0; j < GridSide; j++)
            offsets[i * GridSide + j] = ((i + (j + 0.5f) / GridSide) / GridSide, (j + (i + 0.5f) / GridSide) / GridSide);
        return offsets;
    }

    /// <summary>Value noise in about [−1, 1] that wraps around the iris: <paramref name="cells"/> cells per turn.</summary>
    static float AngularNoise(ulong key, float angle, float radial, int cells)
    {
        float a = (angle * (0.5f / MathF.PI) + 0.5f) * cells;
        int a0 = (int)MathF.Floor(a), r0 = (int)MathF.Floor(radial);
        float fa = a - a0, fr = radial - r0;
        fa = fa * fa * (3 - 2 * fa);
        fr = fr * fr * (3 - 2 * fr);
        a0 = ((a0 % cells) + cells) % cells;
        int a1 = (a0 + 1) % cells;
        float p = PixelHash.Unit(key, a0, r0), q = PixelHash.Unit(key, a1, r0);
        float s = PixelHash.Unit(key, a0, r0 + 1), w = PixelHash.Unit(key, a1, r0 + 1);
        float near = p + (q - p) * fa, far = s + (w - s) * fa;
        return 2f * (near + (far - near) * fr) - 1f;
    }

    /// <summary>The error function, to within 1.5e-7 (Abramowitz and Stegun 7.1.26).</summary>
    static float Erf(float x)
    {
        float t = 1f / (1f + 0.3275911f * MathF.Abs(x));
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        float y = 1f - poly * MathF.Exp(-x * x);
        return x < 0 ? -y : y;
    }

        /// <summary>exp(−q) for q ≥ 0, taken as 0 where it is below 1e-4, which spares most pixels the exponential.</summary>
    static float Decay(float q) => q < 9f ? MathF.Exp(-q) : 0f;

    static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
