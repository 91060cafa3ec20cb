using System.Buffers.Binary;
using System.IO.Compression;
using SimGan.Core.Images;
using SimGan.Data.Imaging;

namespace SimGan.Data.Tests.Imaging;

/// <summary>Decoders meet hostile bytes: they must fail with a message, never crash, hang or allocate wildly.</summary>
public class ImageDecoderFuzzTests
{
    static byte[] ValidPng() => PngImage.Encode(Enumerable.Range(0, 35 * 55).Select(i => (i % 17) / 16f).ToArray(), new ImageShape(1, 35, 55));

    [Fact]
    public void Random_bytes_are_refused()
    {
        var random = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(bytes));
        }
    }

    [Fact]
    public void Every_truncation_of_a_png_is_refused_or_decoded_to_the_right_size()
    {
        byte[] png = ValidPng();
        for (int length = 0; length < png.Length; length += 7)
        {
            try
            {
                var image = ImageDecoder.Decode(png.AsSpan(0, length));
                Assert.Equal((55, 35), (image.Width, image.Height));
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void Flipped_bytes_never_crash_the_decoder()
    {
        byte[] png = ValidPng();
        var random = new Random(2);
        for (int i = 0; i < 300; i++)
        {
            var copy = (byte[])png.Clone();
            for (int k = 0; k < 4; k++) copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
            try { ImageDecoder.Decode(copy); } catch (InvalidDataException) { }
        }
    }

    [Fact]
    public void An_absurd_size_in_the_header_is_refused_before_allocating()
    {
        byte[] png = PngWithHeaderSize(1_000_000, 1_000_000);
        var error = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(png));
        Assert.Contains("limit", error.Message);
    }

    /// <summary>A PNG signature, an IHDR claiming the given size (with a correct CRC), a tiny IDAT and IEND.</summary>
    static byte[] PngWithHeaderSize(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (gray)
        Chunk(output, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(new byte[16]);
        Chunk(output, "IDAT", compressed.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    static void Chunk(Stream output, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, PngCrc.Compute(typed));
        output.Write(buffer);
    }
}
