using SimGan.Core.Tensors;

namespace SimGan.Cluster.Serialization;

/// <summary>The few field shapes protocol messages are made of, written the same way everywhere.</summary>
internal static class WireFormat
{
    public static void WriteFloats(this BinaryWriter w, float[] values, WirePrecision precision = WirePrecision.Float32) =>
        TensorCodec.Write(w, values, [values.Length], precision);

    public static float[] ReadFloats(this BinaryReader r)
    {
        var (values, shape) = TensorCodec.Read(r);
        if (shape.Length != 1) throw new InvalidDataException("expected a flat float array");
        return values;
    }

    public static void WriteInts(this BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (int v in values) w.Write(v);
    }

    public static int[] ReadInts(this BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 4 > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException("an int array is longer than its message");
        var values = new int[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadInt32();
        return values;
    }

    public static void WriteBytes(this BinaryWriter w, byte[] bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    public static byte[] ReadBytes(this BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException("a byte array is longer than its message");
        return r.ReadBytes(n);
    }

    public static void WriteOptional(this BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        if (value.HasValue) w.Write(value.Value);
    }

    public static double? ReadOptionalDouble(this BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;

    public static void WriteOptional(this BinaryWriter w, long? value)
    {
        w.Write(value.HasValue);
        if (value.HasValue) w.Write(value.Value);
    }

    public static long? ReadOptionalLong(this BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;
}
