using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SimGan.Core.Tensors;

/// <summary>
/// A float tensor on the wire: precision (1 byte), rank (1 byte), each dimension (int32), then the raw little-endian
/// values. No type names and no reflection, so a message can only ever decode into floats of the stated shape.
/// </summary>
public static class TensorCodec
{
    public const int MaxRank = 8;

    public static int EncodedLength(int count, int rank, WirePrecision precision) =>
        2 + 4 * rank + count * (precision == WirePrecision.Float32 ? 4 : 2);

    public static void Write(BinaryWriter w, ReadOnlySpan<float> values, ReadOnlySpan<int> shape, WirePrecision precision = WirePrecision.Float32)
    {
        if (shape.Length > MaxRank) throw new ArgumentException($"tensors of rank {shape.Length} are not supported");
        long count = 1;
        foreach (int d in shape) count *= d;
        if (count != values.Length) throw new ArgumentException($"shape [{string.Join(",", shape.ToArray())}] holds {count} values, not {values.Length}");
        w.Write((byte)precision);
        w.Write((byte)shape.Length);
        foreach (int d in shape) w.Write(d);
        switch (precision)
        {
            case WirePrecision.Float32:
                if (BitConverter.IsLittleEndian) w.Write(MemoryMarshal.AsBytes(values));
                else foreach (var v in values) w.Write(v);
                break;
            case WirePrecision.Float16:
                WriteHalves(w, values, v => BitConverter.HalfToUInt16Bits((Half)v));
                break;
            case WirePrecision.BFloat16:
                WriteHalves(w, values, ToBFloat16);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(precision));
        }
    }

    public static (float[] Values, int[] Shape) Read(BinaryReader r)
    {
        var precision = (WirePrecision)r.ReadByte();
        if (precision > WirePrecision.BFloat16) throw new InvalidDataException($"unknown tensor precision {(byte)precision}");
        int rank = r.ReadByte();
        if (rank > MaxRank) throw new InvalidDataException($"tensor rank {rank} is not supported");
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = r.ReadInt32();
            if (shape[i] < 0) throw new InvalidDataException("a tensor dimension is negative");
            count *= shape[i];
            // Checked per dimension: both factors are at most int.MaxValue, so the product cannot wrap around a long.
            if (count > int.MaxValue) throw new InvalidDataException($"the tensor's shape claims more than {int.MaxValue} values");
        }
        int width = precision == WirePrecision.Float32 ? 4 : 2;
        long remaining = r.BaseStream.CanSeek ? r.BaseStream.Length - r.BaseStream.Position : long.MaxValue;
        if (count > int.MaxValue / 4 || count * width > remaining)
            throw new InvalidDataException($"the tensor claims {count} values but the message is shorter");
        var values = new float[count];
        if (precision == WirePrecision.Float32)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (r.Read(bytes) != bytes.Length) throw new EndOfStreamException("the message ends inside a tensor");
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        }
        else
        {
            var raw = r.ReadBytes((int)count * 2);
            if (raw.Length != count * 2) throw new EndOfStreamException("the message ends inside a tensor");
            for (int i = 0; i < values.Length; i++)
            {
                ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(2 * i));
                values[i] = precision == WirePrecision.Float16 ? (float)BitConverter.UInt16BitsToHalf(bits) : FromBFloat16(bits);
            }
        }
        return (values, shape);
    }

    private static void WriteHalves(BinaryWriter w, ReadOnlySpan<float> values, Func<float, ushort> convert)
    {
        var raw = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(2 * i), convert(values[i]));
        w.Write(raw);
    }

    /// <summary>Round to nearest even on the 16 dropped bits; NaN stays NaN.</summary>
    private static ushort ToBFloat16(float v)
    {
        uint bits = BitConverter.SingleToUInt32Bits(v);
        if (float.IsNaN(v)) return (ushort)((bits >> 16) | 0x40);
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    private static float FromBFloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
