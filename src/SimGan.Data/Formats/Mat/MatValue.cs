namespace SimGan.Data.Formats.Mat;

/// <summary>A MATLAB value as read from a v5 MAT-file; arrays are column-major, as MATLAB stores them.</summary>
public abstract record MatValue(int[] Dimensions)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, d) => product * d);
}

/// <summary>
/// A numeric or logical array. uint8 data stays as bytes (images are most of a file), everything else is widened to
/// double.
/// </summary>
public sealed record MatNumeric(int[] Dimensions, MatClass Class, double[]? Values, byte[]? Bytes) : MatValue(Dimensions)
{
    public double this[long index] => Bytes is not null ? Bytes[index] : Values![index];
}

public sealed record MatText(int[] Dimensions, string Text) : MatValue(Dimensions);

public sealed record MatCell(int[] Dimensions, MatValue[] Items) : MatValue(Dimensions);

/// <summary>A struct array: for each element, one value per field.</summary>
public sealed record MatStruct(int[] Dimensions, string[] FieldNames, MatValue[][] Elements) : MatValue(Dimensions)
{
    public MatValue? Field(string name, int element = 0)
    {
        int index = Array.IndexOf(FieldNames, name);
        return index < 0 || element >= Elements.Length ? null : Elements[element][index];
    }
}

/// <summary>mxClassID values of the v5 format.</summary>
public enum MatClass
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
}
