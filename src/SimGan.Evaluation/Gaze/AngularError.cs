namespace SimGan.Evaluation.Gaze;

/// <summary>The angle between a predicted and a true 3-D gaze direction, the paper's error measure.</summary>
public static class AngularError
{
    /// <summary>
    /// Degrees between two vectors. Only directions matter: the network's raw output is not a unit vector, so
    /// both are normalised here.
    /// </summary>
    public static double Degrees(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        if (predicted.Length != 3 || truth.Length != 3)
            throw new ArgumentException("gaze vectors have three components");
        double dot = 0, pp = 0, tt = 0;
        for (int i = 0; i < 3; i++)
        {
            dot += predicted[i] * (double)truth[i];
            pp += predicted[i] * (double)predicted[i];
            tt += truth[i] * (double)truth[i];
        }
        if (pp == 0 || tt == 0) return 90.0; // a zero vector points nowhere: count it as the uninformative guess
        double cosine = Math.Clamp(dot / Math.Sqrt(pp * tt), -1.0, 1.0);
        return Math.Acos(cosine) * 180.0 / Math.PI;
    }
}
