namespace SimGan.Evaluation.Labels;

/// <summary>A detected pupil: centre in pixels (x right, y down, pixel centres at integers) and equivalent radius.</summary>
public readonly record struct PupilDetection(double X, double Y, double Radius)
{
    public double DistanceTo(PupilDetection other) => Math.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}
