namespace SimGan.Evaluation.Pose;

/// <summary>
/// Where a joint's heatmap puts it, to a fraction of a heatmap pixel. The estimator is trained to make each heatmap's
/// softmax a Gaussian around the joint (PoseTrainer), so the mean of that distribution near its maximum is the
/// estimate. A whole-pixel maximum (even moved a quarter pixel towards the larger neighbour) puts every estimate on a
/// half-cell grid, so two nearly equal heatmaps could answer a whole cell (two image pixels) apart; reading the mean
/// lowered a perfect refiner's joint shift from 2.84 to 2.60 px (docs/hand.md).
/// </summary>
public static class HeatmapPeak
{
    /// <summary>Cells on each side of the maximum that the mean is taken over: three σ of the training Gaussian.</summary>
    public const int Radius = 3;

    /// <summary>The softmax-weighted mean position (x, y) over the cells within <see cref="Radius"/> of the maximum.</summary>
    public static (double X, double Y) Of(ReadOnlySpan<float> map, int h, int w)
    {
        if (map.Length != h * w) throw new ArgumentException($"a {h}×{w} heatmap has {h * w} values, got {map.Length}");
        int best = 0;
        for (int k = 1; k < map.Length; k++) if (map[k] > map[best]) best = k;
        int bx = best % w, by = best / w;
        double top = map[best], sum = 0, x = 0, y = 0;
        for (int yy = Math.Max(0, by - Radius); yy <= Math.Min(h - 1, by + Radius); yy++)
            for (int xx = Math.Max(0, bx - Radius); xx <= Math.Min(w - 1, bx + Radius); xx++)
            {
                double weight = Math.Exp(map[yy * w + xx] - top);
                sum += weight;
                x += weight * xx;
                y += weight * yy;
            }
        return (x / sum, y / sum);
    }
}
