using System.Buffers.Binary;
using SimGan.Core.Tensors;

namespace SimGan.Core.Tests.Tensors;

public class TensorCodecTests
{
    static byte[] Encode(float[] values, int[] shape, WirePrecision precision = WirePrecision.Float32)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) TensorCodec.Write(w, values, shape, precision);
        return stream.ToArray();
    }

    static (float[] Values, int[] Shape) Decode(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        return TensorCodec.Read(r);
    }

    static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    static readonly float[] Specials =
    [
        0f, -0f, float.NaN, BitConverter.UInt32BitsToSingle(0x7FC12345), BitConverter.UInt32BitsToSingle(0xFFA00001),
        float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        1f / 3f, -123.456f,
    ];

    /// <summary>A header (precision, rank, dims) with whatever body follows.</summary>
    static byte[] Header(byte precision, params int[] dims)
    {
        var bytes = new byte[2 + 4 * dims.Length];
        bytes[0] = precision;
        bytes[1] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2 + 4 * i), dims[i]);
        return bytes;
    }

    [Fact]
    public void Float32_round_trips_every_bit_including_nan_payloads_infinities_and_negative_zero()
    {
        var bytes = Encode(Specials, [Specials.Length]);
        Assert.Equal(TensorCodec.EncodedLength(Specials.Length, 1, WirePrecision.Float32), bytes.Length);
        var (values, shape) = Decode(bytes);
        Assert.Equal(new[] { Specials.Length }, shape);
        Assert.Equal(Bits(Specials), Bits(values));
    }

    [Fact]
    public void Shapes_of_every_rank_round_trip()
    {
        foreach (int[] shape in new[] { Array.Empty<int>(), [3], [2, 3], [1, 2, 3, 1], [1, 1, 1, 1, 1, 1, 1, 2], [4, 0, 2] })
        {
            int count = shape.Aggregate(1, (a, d) => a * d);
            var data = Enumerable.Range(0, count).Select(i => i * 0.5f).ToArray();
            var (values, back) = Decode(Encode(data, shape));
            Assert.Equal(shape, back);
            Assert.Equal(data, values);
        }
    }

    [Theory]
    [InlineData(WirePrecision.Float16, 1e-3)]   // 10 mantissa bits: relative error ≤ 2^-11
    [InlineData(WirePrecision.BFloat16, 4e-3)]  // 7 mantissa bits: relative error ≤ 2^-8
    public void Half_precisions_round_trip_within_their_precision_in_half_the_bytes(WirePrecision precision, double relative)
    {
        var rng = new SimGan.Core.Training.DeterministicRandom(8);
        var data = Enumerable.Range(0, 500).Select(_ => rng.NextInt(2_000_001) / 1_000_000f - 1f).ToArray();
        var bytes = Encode(data, [500], precision);
        Assert.Equal(TensorCodec.EncodedLength(500, 1, precision), bytes.Length);
        Assert.Equal(2 + 4 + 500 * 2, bytes.Length);
        var (values, _) = Decode(bytes);
        for (int i = 0; i < data.Length; i++)
            Assert.True(Math.Abs(values[i] - data[i]) <= relative * Math.Abs(data[i]) + 1e-7,
                $"{precision}: {data[i]} came back as {values[i]}");
    }

    [Theory]
    [InlineData(WirePrecision.Float16)]
    [InlineData(WirePrecision.BFloat16)]
    public void Half_precisions_keep_nan_infinities_signed_zero_and_exact_small_values(WirePrecision precision)
    {
        float[] data = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, -1f, 0.5f, -2f, 0.25f];
        var (values, _) = Decode(Encode(data, [data.Length], precision));
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal(Bits(data[1..]), Bits(values[1..]));
    }

    [Fact]
    public void BFloat16_rounds_to_nearest_even()
    {
        // 1 + 2^-8 is exactly halfway between bfloat16 1 and 1 + 2^-7: ties go to the even one, 1.
        // 1 + 3·2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6: ties go to 1 + 2^-6.
        float[] data = [1f + 1f / 256, 1f + 3f / 256, 1f + 1f / 256 + 1f / 65536];
        var (values, _) = Decode(Encode(data, [3], WirePrecision.BFloat16));
        Assert.Equal(new[] { 1f, 1f + 1f / 64, 1f + 1f / 128 }, values);
    }

    [Fact]
    public void Writing_a_shape_that_does_not_match_the_values_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Encode(new float[6], [2, 2]));
        Assert.Throws<ArgumentException>(() => Encode(new float[1], [1, 1, 1, 1, 1, 1, 1, 1, 1]));
    }

    [Fact]
    public void Unknown_precision_rank_above_the_limit_and_negative_dimensions_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => Decode([.. Header(3, 1), 0, 0, 0, 0]));
        Assert.Throws<InvalidDataException>(() => Decode(Header(0, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        Assert.Throws<InvalidDataException>(() => Decode(Header(0, 2, -1)));
    }

    [Theory]
    [InlineData(WirePrecision.Float32)]
    [InlineData(WirePrecision.Float16)]
    public void Truncated_input_throws_a_data_error(WirePrecision precision)
    {
        var bytes = Encode(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), [2, 5], precision);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var ex = Record.Exception(() => Decode(bytes[..cut]));
            Assert.True(ex is InvalidDataException or EndOfStreamException, $"cut at {cut}: {ex?.GetType().Name ?? "no exception"}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_header_claiming_a_billion_values_in_a_short_message_throws_before_allocating(byte precision)
    {
        var bytes = Header(precision, 1 << 30).Concat(new byte[16]).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Record.Exception(() => Decode(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ex is InvalidDataException or EndOfStreamException, $"got {ex?.GetType().Name ?? "no exception"}");
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void A_header_claiming_a_billion_values_on_an_unseekable_stream_throws_before_allocating()
    {
        // A network stream cannot say how much is left; the codec must still not trust the header with 4 GB.
        var bytes = Header(0, 1 << 30).Concat(new byte[16]).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Record.Exception(() => TensorCodec.Read(new BinaryReader(new UnseekableStream(bytes))));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ex is InvalidDataException or EndOfStreamException, $"got {ex?.GetType().Name ?? "no exception"}");
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void Dimensions_whose_product_overflows_are_refused_not_wrapped_around()
    {
        // 2^48 · 32769 wraps to a negative count (already refused before the fix, by luck of a second wrap in count * width).
        Assert.IsType<InvalidDataException>(Record.Exception(() => Decode(Header(0, 65536, 65536, 65536, 32769))));
        // 65536^4 = 2^64 wraps to 0 in a long: without an overflow check this decodes as an empty tensor whose
        // shape claims 18 quintillion values.
        var ex = Record.Exception(() => Decode(Header(0, 65536, 65536, 65536, 65536)));
        Assert.IsType<InvalidDataException>(ex);
        // 2^31-1 cubed wraps to a large positive number.
        Assert.Throws<InvalidDataException>(() => Decode([.. Header(0, int.MaxValue, int.MaxValue, int.MaxValue), .. new byte[64]]));
    }

    sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
