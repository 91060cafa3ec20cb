namespace SimGan.Data.Eyes;

/// <summary>The shading of <see cref="RenderedEyeRenderer"/>: the per-image scene it evaluates at every sample.</summary>
public static partial class RenderedEyeRenderer
{
    /// <summary>The parts of the skin's shading that depend only on the column (see <see cref="Scene.Column"/>).</summary>
    struct SkinColumn
    {
        public float Upper, Lower, CreaseY, CreaseFade, RollFade, UnderFade, SocketX, SocketY, Inner, Outer, DomeX;
    }

    /// <summary>The per-image constants of the shading, derived once from the geometry and the look.</summary>
    readonly struct Scene
    {
        readonly EyeGeometry _eye;
        readonly RenderedLook _look;
        readonly float _scale, _invHalfWidth, _cornerBaseY, _cornerSlope;
        readonly float _irisSine, _pupilShare, _lowerRimWidth;
        readonly float _innerX, _innerY, _outerX, _outerY;
        readonly float _hairX, _hairY;

        public Scene(EyeGeometry eye, RenderedLook look)
        {
            _eye = eye;
            _look = look;
            _scale = eye.Height / 35f;
            _invHalfWidth = 1f / eye.HalfOpeningWidth;
            _cornerBaseY = eye.CentreY + eye.CornerOffsetY;
            _cornerSlope = MathF.Tan(eye.CornerTilt);
            _irisSine = MathF.Min(1f, eye.IrisRadius / eye.EyeballRadius);
            _pupilShare = eye.PupilRadius / eye.IrisRadius;
            _lowerRimWidth = 0.7f * _scale;
            _innerX = eye.CentreX + look.NasalSide * eye.HalfOpeningWidth;
            _innerY = CornerLine(_innerX);
            _outerX = eye.CentreX - look.NasalSide * eye.HalfOpeningWidth;
            _outerY = CornerLine(_outerX);
            // Brow hairs run from the nose towards the temple and slightly up.
            float hx = -look.NasalSide, hy = -0.35f, hn = MathF.Sqrt(hx * hx + hy * hy);
            _hairX = hx / hn;
            _hairY = hy / hn;
        }

        float CornerLine(float x) => _cornerBaseY + _cornerSlope * (x - _eye.CentreX);

        /// <summary>
        /// The lid margins at <paramref name="x"/>, continued beyond the eye corners along the corner line, with t the
        /// position across the opening (−1 and 1 at the corners). Inside the corners they are the geometry's margins.
        /// </summary>
        void Margins(float x, out float t, out float across, out float upper, out float lower)
        {
            t = (x - _eye.CentreX) * _invHalfWidth;
            across = MathF.Max(0f, 1f - t * t);
            float line = CornerLine(x);
            upper = line - _eye.UpperLidHeight * across * (1f + _eye.UpperLidSkew * t);
            lower = line + _eye.LowerLidHeight * across;
        }

        /// <summary>
        /// The brightness at (x, y). <paramref name="footprint"/> is the width of image the sample stands for: the lid's
        /// fine detail (margin, rim, lash strands) is widened by it and its contrast lowered to match, as a renderer
        /// prefilters a texture, so one sample per pixel does not alias where no surface boundary passes.
        /// </summary>
        public float Shade(in EyeSurface surface, float x, float y, float skinField, float footprint) => surface.Region switch
        {
            EyeRegion.Skin => skinField * LidDetail(x, y, footprint),
            // The caruncle and the folds at the corners: moist tissue, darker than the skin, in the lids' shade.
            EyeRegion.Corner => 0.62f * skinField * LidOcclusion(surface),
            _ => Eyeball(surface, x),
        };

        // ---- skin -------------------------------------------------------------------------------------------------

        /// <summary>What the skin's shading needs from one column of pixel centres: worked out once per image.</summary>
        public SkinColumn Column(float x)
        {
            var eye = _eye;
            Margins(x, out float t, out float across, out float upper, out float lower);
            float line = CornerLine(x);
            // The crease follows the lid but reaches further out and dips towards the corners.
            float ct = t / 1.25f, creaseAcross = MathF.Max(0f, 1f - ct * ct);
            float ut = t / 1.4f;
            float sx = (x - eye.CentreX) / (1.35f * eye.HalfOpeningWidth);
            float ix = (x - _innerX) / (0.10f * eye.Width), ox = (x - _outerX) / (0.07f * eye.Width);
            return new SkinColumn
            {
                Upper = upper,
                Lower = lower,
                CreaseY = line - (eye.UpperLidHeight + _look.Lids.CreaseGap) * creaseAcross * (1f + eye.UpperLidSkew * t),
                CreaseFade = MathF.Sqrt(creaseAcross),
                RollFade = MathF.Sqrt(across),
                UnderFade = MathF.Max(0f, 1f - ut * ut),
                SocketX = Decay(sx * sx),
                SocketY = line - 0.5f * eye.UpperLidHeight,
                Inner = Decay(0.5f * ix * ix),
                Outer = Decay(0.5f * ox * ox),
                DomeX = (x - eye.CentreX) / (1.2f * eye.Width),
            };
        }

        /// <summary>
        /// The skin's smooth shading at the pixel centre (x, y) of <paramref name="column"/>: tone, the orbit as a dome
        /// lit by the key light and as a socket darker near the eye, the face's broad relief, the lid's crease and fold,
        /// the lower lid's fold and the hollow under the eye, the corners' recesses, a fine relief and the brow. Smooth
        /// at the pixel scale, so one evaluation serves all of a pixel's samples.
        /// </summary>
        public float SkinField(in SkinColumn column, float x, float y)
        {
            var eye = _eye;
            var look = _look;
            float value = look.Skin;

            float nx = column.DomeX, ny = (y - eye.CentreY) / (1.2f * eye.Height);
            float nz = -MathF.Sqrt(MathF.Max(0.05f, 1f - nx * nx - ny * ny));
            value *= 0.62f + 0.38f * MathF.Max(0f, look.Light.Dot(nx, ny, nz));
            // The face's broad shape beyond the dome (cheekbone, the side of the nose, the brow ridge) as smooth relief.
            value *= 1f + look.FaceRelief * PixelHash.ValueNoise(look.TextureKey + 3, x, y, 14f * _scale);

            // The socket: deepest around the upper lid, shallower below the eye, where the cheek rises.
            if (column.SocketX > 0f)
            {
                float dy = y - column.SocketY, sy = dy / ((dy < 0 ? 0.45f : 0.3f) * eye.Height);
                value *= 1f - look.SocketDepth * column.SocketX * Decay(sy * sy);
            }

            float above = column.Upper - y;
            if (above > 0)
            {
                float overCrease = column.CreaseY - y;
                float groove = overCrease / (1.2f * _scale);
                value *= 1f - 0.6f * look.Lids.CreaseDepth * Decay(groove * groove) * column.CreaseFade;
                // The fold above the crease bulges towards the light; the lid below it rolls into the margin.
                float fold = (overCrease - 2f * _scale) / (1.6f * _scale);
                value *= 1f + 0.05f * Decay(fold * fold) * column.CreaseFade;
                value *= 1f - 0.10f * Decay(above / (1.5f * _scale)) * column.RollFade;
            }
            float below = y - column.Lower;
            if (below > 0 && column.UnderFade > 0)
            {
                // The lower lid's edge: a soft fold a few pixels below the margin, then the broader hollow under the eye.
                float fold = (below - 0.13f * eye.Height) / (0.045f * eye.Height);
                float hollow = (below - 0.24f * eye.Height) / (0.1f * eye.Height);
                value *= 1f - look.UnderEyeShadow * column.UnderFade * (Decay(fold * fold) + 0.5f * Decay(hollow * hollow));
            }

            if (column.Inner > 0f)
            {
                float iy = (y - _innerY) / (0.10f * eye.Width);
                value *= 1f - look.CornerShade * column.Inner * Decay(0.5f * iy * iy);
            }
            if (column.Outer > 0f)
            {
                float oy = (y - _outerY) / (0.07f * eye.Width);
                value *= 1f - 0.5f * look.CornerShade * column.Outer * Decay(0.5f * oy * oy);
            }

            value *= 1f + look.SkinTexture * (PixelHash.ValueNoise(look.TextureKey, x, y, 4f)
                                              + 0.4f * PixelHash.ValueNoise(look.TextureKey + 1, x, y, 1.7f));

            float browBelow = look.Brow.IsPresent ? look.Brow.DistanceBelow(eye, x, y) / _scale : float.PositiveInfinity;
            if (browBelow < 9f)
            {
                float inside = 1f / (1f + MathF.Exp(browBelow));
                // Hairs: noise stretched along the hair direction, so it reads as streaks rather than blotches.
                float along = (x * _hairX + y * _hairY) / (3f * _scale), acrossHair = (-x * _hairY + y * _hairX) / (0.7f * _scale);
                float hairs = PixelHash.ValueNoise(look.TextureKey + 5, along, acrossHair, 1f);
                value *= 1f - look.Brow.Darkness * inside * (0.8f + 0.35f * hairs);
            }
            return value;
        }

        /// <summary>
        /// What the lid margins add at a skin sample: the upper lid's thickness (a dark margin), its lashes as thin
        /// soft strands fanning outwards, and below the opening the lower lid's bright wet rim and its sparse lashes.
        /// </summary>
        float LidDetail(float x, float y, float footprint)
        {
            Margins(x, out float t, out float across, out float upper, out float lower);
            var look = _look;
            // The margin runs on past the outer corner as a tapering flick, hardly past the inner one.
            bool outerSide = t * look.NasalSide < 0;
            float reach = MathF.Abs(t) <= 1f ? 1f : MathF.Max(0f, 1f - (MathF.Abs(t) - 1f) / (outerSide ? 0.35f : 0.1f));
            if (reach <= 0f) return 1f;
            var lids = look.Lids;
            float thin = MathF.Sqrt(across);
            float above = upper - y;
            if (above > -0.5f)
            {
                float margin = look.MarginThickness * (0.35f + 0.65f * thin);
                float soft = 0.5f * footprint;
                float band = SmoothStep(margin + 0.6f * _scale + soft, margin - 0.2f * _scale - soft, above);
                float value = 1f - look.MarginDarkness * band * (0.5f + 0.5f * thin) * reach;
                float height = above - 0.5f * margin;
                if (height > 0f && height < 1.2f * lids.LashLength)
                {
                    // Roots step along the margin; strands lean outwards, more so towards the corners, and curl.
                    float sign = t < 0 ? -1f : 1f;
                    float root = x - t * 1.1f * height - 0.12f * sign * height * height / _scale;
                    float strands = Strands(root, height, 0.55f * _scale, lids.LashLength, 21, footprint);
                    float density = MathF.Min(1f, strands + 0.5f * Decay(height / (0.5f * _scale)));
                    // Lashes are longest and densest on the outer third of the lid.
                    float outer = outerSide ? 0.75f + 0.25f * MathF.Min(1f, MathF.Abs(t)) : 0.75f - 0.2f * MathF.Min(1f, MathF.Abs(t));
                    value *= 1f - lids.LashStrength * density * outer * MathF.Sqrt(thin) * reach;
                }
                return value;
            }
            float below = y - lower;
            if (below > -0.5f)
            {
                float soft = 0.5f * footprint;
                float rim = SmoothStep(-0.2f - soft, 0.2f + soft, below)
                            * SmoothStep(_lowerRimWidth + 0.4f + soft, _lowerRimWidth - 0.2f - soft, below);
                float value = 1f + look.LowerRim * rim * thin * reach;
                float height = below - _lowerRimWidth;
                if (height > 0f && height < 0.6f * lids.LashLength)
                {
                    float root = x - t * 0.6f * height;
                    float strands = Strands(root, height, 1.1f * _scale, 0.5f * lids.LashLength, 23, footprint);
                    value *= 1f - EyeLids.LowerLashShare * lids.LashStrength * strands * MathF.Sqrt(thin) * reach;
                }
                return value;
            }
            return 1f;
        }

        /// <summary>
        /// Coverage by hair strands rooted every <paramref name="spacing"/> pixels along <paramref name="root"/>, each
        /// with its own position, length and darkness (hashed from its number), a soft profile across it, fading
        /// towards its tip. <paramref name="height"/> is the distance from the roots. Each profile is widened by the
        /// sample's footprint (variances add) and lowered in proportion, so a strand keeps its darkness per unit length.
        /// </summary>
        float Strands(float root, float height, float spacing, float length, ulong salt, float footprint)
        {
            float halfWidth = 0.3f * _scale;
            // The profile (1 − d²)² has variance w²/7; a box of width f has f²/12.
            float wide = MathF.Sqrt(halfWidth * halfWidth + 7f / 12f * footprint * footprint);
            float gain = halfWidth / wide;
            float u = root / spacing;
            int k = (int)MathF.Floor(u), cells = (int)MathF.Ceiling(wide / spacing);
            float sum = 0f;
            for (int n = k - cells; n <= k + cells; n++)
            {
                uint hash = PixelHash.Hash(_look.TextureKey + salt, n, 0);
                float offset = 0.2f + 0.6f * (hash & 0xFF) / 255f;
                float own = length * (0.55f + 0.45f * ((hash >> 8) & 0xFF) / 255f);
                if (height >= own) continue;
                float darkness = 0.6f + 0.4f * ((hash >> 16) & 0xFF) / 255f;
                float d = (u - (n + offset)) * spacing / wide;
                if (d is <= -1f or >= 1f) continue;
                float profile = 1f - d * d;
                sum += gain * darkness * profile * profile * (1f - height / own);
            }
            return MathF.Min(1f, sum);
        }

        // ---- eyeball ----------------------------------------------------------------------------------------------

        float Eyeball(in EyeSurface surface, float x)
        {
            var look = _look;
            float value;
            if (surface.Region == EyeRegion.Sclera)
            {
                // Wrapped Lambert on the sphere, and darker where the surface turns away towards the silhouette.
                float lambert = (look.Light.Dot(surface.NormalX, surface.NormalY, surface.NormalZ) + 0.4f) / 1.4f;
                value = look.Sclera * (0.62f + 0.38f * MathF.Max(0f, lambert)) * (0.75f + 0.25f * -surface.NormalZ);
            }
            else
            {
                // Radial position in iris radii: 0 on the gaze axis, 1 at the limbus (chord radius over the iris's).
                float c = surface.GazeCosine;
                float r = MathF.Sqrt(MathF.Max(0f, 1f - c * c)) / _irisSine;
                value = IrisAndPupil(r, surface.IrisAngle, (surface.NormalY - _eye.GazeVector.Y) / _irisSine);
            }
            float t = (x - _eye.CentreX) * _invHalfWidth;
            float side = t * look.NasalSide > 0 ? 1f : 0.6f;
            value *= 1f - (look.CornerShade + 0.1f) * side * SmoothStep(0.3f, 1.05f, MathF.Abs(t));
            return value * LidOcclusion(surface);
        }

        /// <summary>
        /// The iris's fibres, collarette and limbal ring, its lower part lit by the light the cornea gathers, blended
        /// into the pupil over a soft edge. <paramref name="down"/> runs from −1 at the iris's top to 1 at its bottom.
        /// </summary>
        float IrisAndPupil(float r, float angle, float down)
        {
            var look = _look;
            // Radial streaks: many cells around the iris, few along its radius (about a pixel a cell at the limbus).
            float fibres = AngularNoise(look.TextureKey + 9, angle, 2.5f * r, 40)
                           + 0.5f * AngularNoise(look.TextureKey + 10, angle, 1.5f * r, 16);
            float iris = look.Iris * (1f + look.IrisFibres * fibres);
            float collarette = (r - (_pupilShare + 0.35f * (1f - _pupilShare))) / 0.08f;
            iris *= 1f + 0.05f * Decay(collarette * collarette);
            iris *= 1f + look.IrisGlow * SmoothStep(-0.3f, 1f, down);
            iris *= 1f - look.LimbalRing * SmoothStep(0.6f, 1f, r);
            float soft = look.PupilSoftness;
            float open = SmoothStep(_pupilShare - soft, _pupilShare + soft, r);
            return look.Pupil + (iris - look.Pupil) * open;
        }

        /// <summary>
        /// The upper lid's soft shadow on what lies below it (strong at the margin, fading over a few pixels) and the
        /// lower lid's narrower occlusion: together they also darken the corners, where both margins are close.
        /// </summary>
        float LidOcclusion(in EyeSurface surface)
        {
            float length = 0.08f * _eye.Height;
            float strength = MathF.Min(0.85f, _look.Lids.LidShadow + 0.2f);
            float shade = 1f - strength * Decay(MathF.Max(0f, surface.BelowUpperLid) / length);
            return shade * (1f - 0.12f * Decay(MathF.Max(0f, surface.AboveLowerLid) / (0.04f * _eye.Height)));
        }

        /// <summary>
        /// A corneal reflection: the cornea is a sphere of 0.65 R whose apex stands 0.05 R proud of the eyeball; the
        /// glint is where its normal bisects the directions to the light and to the camera, drawn only where the cornea
        /// is (within the limbus) and the lids leave it open, weighted by how much of each pixel the eye covers.
        /// </summary>
        public void AddGlint(LightDirection light, float brightness, float sigma, ReadOnlySpan<float> coverage, Span<float> image)
        {
            if (brightness <= 0f) return;
            var eye = _eye;
            var g = eye.GazeVector;
            float hx = light.X, hy = light.Y, hz = light.Z - 1f;
            float hn = MathF.Sqrt(hx * hx + hy * hy + hz * hz);
            hx /= hn; hy /= hn; hz /= hn;
            float radius = eye.EyeballRadius, cornea = 0.65f * radius, offset = 1.05f * radius - cornea;
            // The limbus seen from the cornea's centre: the cornea ends there.
            float limbusAlong = radius * eye.IrisCapCosine - offset, limbusRadius = radius * _irisSine;
            float limbusCosine = limbusAlong / MathF.Sqrt(limbusAlong * limbusAlong + limbusRadius * limbusRadius);
            if (hx * g.X + hy * g.Y + hz * g.Z < limbusCosine) return;
            float gx = eye.CentreX + offset * g.X + cornea * hx, gy = eye.CentreY + offset * g.Y + cornea * hy;
            if (eye.Probe(gx, gy).Region is EyeRegion.Skin or EyeRegion.Corner) return;

            // The spot is integrated over each pixel (a Gaussian's mass in a square is a product of two erf differences),
            // so a spot smaller than a pixel is anti-aliased like every edge. Its mass is what makes `brightness` its
            // peak once the optical blur has spread it: a specular highlight is far brighter than what it reflects from,
            // so the blur widens it without dimming it much below white.
            int width = eye.Width, height = eye.Height;
            float spread = sigma * sigma + _look.BlurSigma * _look.BlurSigma;
            float mass = brightness * 2f * MathF.PI * spread, scale = 1f / (MathF.Sqrt(2f) * sigma);
            int reach = (int)MathF.Ceiling(3f * sigma) + 1;
            int top = Math.Max(0, (int)gy - reach), bottom = Math.Min(height - 1, (int)gy + reach);
            int left = Math.Max(0, (int)gx - reach), right = Math.Min(width - 1, (int)gx + reach);
            for (int row = top; row <= bottom; row++)
            {
                float across = 0.5f * (Erf((row + 1 - gy) * scale) - Erf((row - gy) * scale));
                for (int col = left; col <= right; col++)
                {
                    float along = 0.5f * (Erf((col + 1 - gx) * scale) - Erf((col - gx) * scale));
                    image[row * width + col] += mass * across * along * coverage[row * width + col];
                }
            }
        }
    }
}
