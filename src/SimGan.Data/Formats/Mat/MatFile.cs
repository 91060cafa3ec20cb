using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SimGan.Data.Formats.Mat;

/// <summary>
/// A reader for MATLAB v5 MAT-files, covering what MPIIGaze and NYU hand files use: compressed elements, numeric and
/// char arrays, structs and cells. Little-endian files only. Every size read from the file is checked against the
/// bytes that remain (and decompression against a cap) before anything is allocated, so a hostile file fails with an
/// <see cref="InvalidDataException"/> instead of exhausting memory.
/// </summary>
public static class MatFile
{
    const int HeaderBytes = 128;
    const int MaxDepth = 32;

    /// <summary>Largest decompressed element accepted: far above one MPIIGaze day file.</summary>
    public const int MaxDecompressedBytes = 1 << 30;

    public static IReadOnlyDictionary<string, MatValue> Read(string path) => Read(File.ReadAllBytes(path));

    public static IReadOnlyDictionary<string, MatValue> Read(byte[] file)
    {
        if (file.Length < HeaderBytes) throw new InvalidDataException("too short for a MAT-file header");
        if (!Encoding.ASCII.GetString(file, 0, 6).StartsWith("MATLAB"))
            throw new InvalidDataException("no MATLAB header text; not a MAT-file");
        if (file[126] != (byte)'I' || file[127] != (byte)'M')
        {
            if (file[126] == (byte)'M' && file[127] == (byte)'I')
                throw new InvalidDataException("big-endian MAT-files are not supported");
            throw new InvalidDataException("not a v5 MAT-file (v7.3 files are HDF5; use h5 tools)");
        }
        var variables = new Dictionary<string, MatValue>(StringComparer.Ordinal);
        var reader = new Reader(file, HeaderBytes, file.Length, 0);
        while (reader.Remaining >= 8)
        {
            var (name, value) = reader.ReadVariable();
            if (name.Length > 0 && value is not null) variables[name] = value;
        }
        return variables;
    }

    enum DataType
    {
        Int8 = 1, UInt8 = 2, Int16 = 3, UInt16 = 4, Int32 = 5, UInt32 = 6, Single = 7, Double = 9,
        Int64 = 12, UInt64 = 13, Matrix = 14, Compressed = 15, Utf8 = 16, Utf16 = 17, Utf32 = 18,
    }

    sealed class Reader(byte[] data, int position, int end, int depth)
    {
        int _position = position;

        public int Remaining => end - _position;

        public (string Name, MatValue? Value) ReadVariable()
        {
            var (type, length, payload) = ReadTag();
            if (type == DataType.Compressed)
            {
                byte[] inflated = Inflate(data, payload, length);
                var inner = new Reader(inflated, 0, inflated.Length, depth + 1);
                return inner.ReadVariable();
            }
            if (type != DataType.Matrix)
                return (string.Empty, null); // other top-level elements carry nothing these datasets use
            var sub = new Reader(data, payload, payload + length, depth + 1);
            return sub.ReadMatrixBody(named: true);
        }

        /// <summary>Reads a tag; returns the type, the payload length and offset, and advances past the padding.</summary>
        (DataType Type, int Length, int Payload) ReadTag()
        {
            if (Remaining < 8) throw new InvalidDataException("truncated element tag");
            uint first = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(_position));
            if (first >> 16 != 0)
            {
                // Small data element: type and length share the first word, data fills the next four bytes.
                int smallLength = (int)(first >> 16);
                if (smallLength > 4) throw new InvalidDataException($"small element claims {smallLength} bytes");
                int smallPayload = _position + 4;
                _position += 8;
                return ((DataType)(first & 0xFFFF), smallLength, smallPayload);
            }
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(_position + 4));
            if (length > Remaining - 8)
                throw new InvalidDataException($"element claims {length} bytes, only {Remaining - 8} remain");
            int payload = _position + 8;
            var type = (DataType)first;
            // Compressed elements are not padded; everything else is padded to 8 bytes.
            long next = payload + (long)length;
            if (type != DataType.Compressed) next = Math.Min(end, (next + 7) & ~7L);
            _position = (int)next;
            return (type, (int)length, payload);
        }

        public (string Name, MatValue Value) ReadMatrixBody(bool named)
        {
            if (depth > MaxDepth) throw new InvalidDataException("arrays nested too deeply");
            if (Remaining == 0) return (string.Empty, new MatNumeric([0, 0], MatClass.Double, [], null));
            var (_, flagsLength, flags) = ReadTag();
            if (flagsLength < 8) throw new InvalidDataException("array flags too short");
            var matClass = (MatClass)(data[flags] & 0xFF);
            bool complex = (data[flags + 1] & 0x08) != 0;
            var (dimType, dimLength, dimPayload) = ReadTag();
            if (dimType != DataType.Int32 || dimLength % 4 != 0 || dimLength < 8)
                throw new InvalidDataException("malformed array dimensions");
            var dims = new int[dimLength / 4];
            long count = 1;
            for (int i = 0; i < dims.Length; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(dimPayload + 4 * i));
                if (dims[i] < 0) throw new InvalidDataException($"negative dimension {dims[i]}");
                count *= dims[i];
                if (count > MaxDecompressedBytes) throw new InvalidDataException("array dimensions are absurdly large");
            }
            var (_, nameLength, namePayload) = ReadTag();
            string name = Encoding.ASCII.GetString(data, namePayload, nameLength);

            switch (matClass)
            {
                case MatClass.Struct:
                    return (name, ReadStruct(dims, count));
                case MatClass.Cell:
                {
                    if (count > Remaining / 8) throw new InvalidDataException($"cell claims {count} items in {Remaining} bytes");
                    var items = new MatValue[count];
                    for (long i = 0; i < count; i++) items[i] = ReadNested();
                    return (name, new MatCell(dims, items));
                }
                case MatClass.Char:
                {
                    var (textType, textLength, textPayload) = ReadTag();
                    string text = textType switch
                    {
                        DataType.UInt16 or DataType.Utf16 => Encoding.Unicode.GetString(data, textPayload, textLength),
                        _ => Encoding.UTF8.GetString(data, textPayload, textLength),
                    };
                    return (name, new MatText(dims, text));
                }
                case >= MatClass.Double and <= MatClass.UInt64:
                {
                    var (valueType, valueLength, valuePayload) = ReadTag();
                    var numeric = ReadNumbers(dims, matClass, valueType, valueLength, valuePayload, count);
                    if (complex && Remaining >= 8) ReadTag(); // the imaginary part: not used by these datasets
                    return (name, numeric);
                }
                default:
                    throw new InvalidDataException($"array class {(int)matClass} ({matClass}) is not supported");
            }
        }

        MatStruct ReadStruct(int[] dims, long count)
        {
            var (_, _, nameLengthPayload) = ReadTag();
            int fieldNameLength = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(nameLengthPayload));
            var (_, namesLength, namesPayload) = ReadTag();
            if (fieldNameLength <= 0 || fieldNameLength > 4096 || namesLength % fieldNameLength != 0)
                throw new InvalidDataException("malformed struct field names");
            int fields = namesLength / fieldNameLength;
            var names = new string[fields];
            for (int f = 0; f < fields; f++)
                names[f] = Encoding.ASCII.GetString(data, namesPayload + f * fieldNameLength, fieldNameLength).TrimEnd('\0');
            if (count * fields > Remaining / 8 + 1)
                throw new InvalidDataException($"struct claims {count}x{fields} values in {Remaining} bytes");
            var elements = new MatValue[count][];
            for (long e = 0; e < count; e++)
            {
                elements[e] = new MatValue[fields];
                for (int f = 0; f < fields; f++) elements[e][f] = ReadNested();
            }
            return new MatStruct(dims, names, elements);
        }

        MatValue ReadNested()
        {
            var (type, length, payload) = ReadTag();
            if (type != DataType.Matrix) throw new InvalidDataException($"expected a nested array, found element type {(int)type}");
            return new Reader(data, payload, payload + length, depth + 1).ReadMatrixBody(named: false).Value;
        }

        MatNumeric ReadNumbers(int[] dims, MatClass matClass, DataType type, int length, int payload, long count)
        {
            int size = type switch
            {
                DataType.Int8 or DataType.UInt8 => 1,
                DataType.Int16 or DataType.UInt16 => 2,
                DataType.Int32 or DataType.UInt32 or DataType.Single => 4,
                DataType.Double or DataType.Int64 or DataType.UInt64 => 8,
                _ => throw new InvalidDataException($"numeric data of element type {(int)type} is not supported"),
            };
            if ((long)length != count * size)
                throw new InvalidDataException($"array of {count} values holds {length} bytes of {size}-byte data");
            var span = data.AsSpan(payload, length);
            if (type == DataType.UInt8 && matClass is MatClass.UInt8)
                return new MatNumeric(dims, matClass, null, span.ToArray());
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                var v = span.Slice(i * size, size);
                values[i] = type switch
                {
                    DataType.Int8 => (sbyte)v[0],
                    DataType.UInt8 => v[0],
                    DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(v),
                    DataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(v),
                    DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(v),
                    DataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(v),
                    DataType.Single => BinaryPrimitives.ReadSingleLittleEndian(v),
                    DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(v),
                    DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(v),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(v),
                };
            }
            return new MatNumeric(dims, matClass, values, null);
        }
    }

    static byte[] Inflate(byte[] data, int offset, int length)
    {
        try
        {
            using var input = new MemoryStream(data, offset, length, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                    throw new InvalidDataException($"a compressed element inflates past {MaxDecompressedBytes} bytes");
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException)
        {
            throw new InvalidDataException($"a compressed element is corrupt ({e.Message})", e);
        }
    }
}
