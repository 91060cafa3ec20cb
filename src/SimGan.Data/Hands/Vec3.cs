namespace SimGan.Data.Hands;

/// <summary>A point or direction in the camera's frame, in millimetres (x right, y down, z away from the camera).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);
}

/// <summary>A rotation as a 3×3 matrix (rows), composed from axis rotations.</summary>
public readonly record struct Rotation(Vec3 R0, Vec3 R1, Vec3 R2)
{
    public static Rotation Identity { get; } = new(new(1, 0, 0), new(0, 1, 0), new(0, 0, 1));

    public static Rotation AboutX(double radians)
    {
        double c = Math.Cos(radians), s = Math.Sin(radians);
        return new(new(1, 0, 0), new(0, c, -s), new(0, s, c));
    }

    public static Rotation AboutY(double radians)
    {
        double c = Math.Cos(radians), s = Math.Sin(radians);
        return new(new(c, 0, s), new(0, 1, 0), new(-s, 0, c));
    }

    public static Rotation AboutZ(double radians)
    {
        double c = Math.Cos(radians), s = Math.Sin(radians);
        return new(new(c, -s, 0), new(s, c, 0), new(0, 0, 1));
    }

    public Vec3 Apply(Vec3 v) => new(Dot(R0, v), Dot(R1, v), Dot(R2, v));

    public static Rotation operator *(Rotation a, Rotation b)
    {
        Vec3 c0 = new(b.R0.X, b.R1.X, b.R2.X), c1 = new(b.R0.Y, b.R1.Y, b.R2.Y), c2 = new(b.R0.Z, b.R1.Z, b.R2.Z);
        return new(new(Dot(a.R0, c0), Dot(a.R0, c1), Dot(a.R0, c2)),
                   new(Dot(a.R1, c0), Dot(a.R1, c1), Dot(a.R1, c2)),
                   new(Dot(a.R2, c0), Dot(a.R2, c1), Dot(a.R2, c2)));
    }

    static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
}
