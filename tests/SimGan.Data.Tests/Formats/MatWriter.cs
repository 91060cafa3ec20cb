using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SimGan.Data.Tests.Formats;

/// <summary>
/// A minimal MATLAB v5 writer for tests: double and uint8 arrays, char arrays, and structs, optionally compressed the
/// way MATLAB's default save does. Values are given column-major, as MATLAB stores them.
/// </summary>
static class MatWriter
{
    public abstract record Value;
    public sealed record Doubles(int[] Dims, double[] Data) : Value;
    public sealed record Bytes(int[] Dims, byte[] Data) : Value;
    public sealed record Text(string Data) : Value;
    public sealed record Struct(params (string Name, Value Value)[] Fields) : Value;

    public static byte[] File(bool compress, params (string Name, Value Value)[] variables)
    {
        using var output = new MemoryStream();
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by SimGan tests".PadRight(116)).CopyTo(header, 0);
        header[124] = 0x00; header[125] = 0x01;
        header[126] = (byte)'I'; header[127] = (byte)'M';
        output.Write(header);
        foreach (var (name, value) in variables)
        {
            byte[] element = Matrix(name, value);
            if (!compress)
            {
                output.Write(element);
                continue;
            }
            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(element);
            WriteTag(output, 15, (int)compressed.Length);
            output.Write(compressed.ToArray());
        }
        return output.ToArray();
    }

    static byte[] Matrix(string name, Value value)
    {
        using var body = new MemoryStream();
        (int mxClass, int[] dims) = value switch
        {
            Doubles d => (6, d.Dims),
            Bytes b => (9, b.Dims),
            Text t => (4, new[] { 1, t.Data.Length }),
            Struct => (2, new[] { 1, 1 }),
            _ => throw new ArgumentException("unsupported value"),
        };
        var flags = new byte[8];
        flags[0] = (byte)mxClass;
        Element(body, 6, flags);
        var dimBytes = new byte[4 * dims.Length];
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(dimBytes.AsSpan(4 * i), dims[i]);
        Element(body, 5, dimBytes);
        Element(body, 1, Encoding.ASCII.GetBytes(name));
        switch (value)
        {
            case Doubles d:
                var raw = new byte[8 * d.Data.Length];
                for (int i = 0; i < d.Data.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(8 * i), d.Data[i]);
                Element(body, 9, raw);
                break;
            case Bytes b:
                Element(body, 2, b.Data);
                break;
            case Text t:
                Element(body, 16, Encoding.UTF8.GetBytes(t.Data));
                break;
            case Struct s:
                int length = s.Fields.Max(f => f.Name.Length) + 1;
                var lengthBytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(lengthBytes, length);
                Element(body, 5, lengthBytes);
                var names = new byte[length * s.Fields.Length];
                for (int f = 0; f < s.Fields.Length; f++) Encoding.ASCII.GetBytes(s.Fields[f].Name).CopyTo(names, f * length);
                Element(body, 1, names);
                foreach (var (_, field) in s.Fields) body.Write(Matrix("", field));
                break;
        }
        using var element = new MemoryStream();
        WriteTag(element, 14, (int)body.Length);
        element.Write(body.ToArray());
        return element.ToArray();
    }

    static void Element(Stream output, int type, byte[] data)
    {
        WriteTag(output, type, data.Length);
        output.Write(data);
        int padding = (8 - data.Length % 8) % 8;
        output.Write(new byte[padding]);
    }

    static void WriteTag(Stream output, int type, int length)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, type);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), length);
        output.Write(tag);
    }
}
