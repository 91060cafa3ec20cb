using SimGan.Data.Formats.Mat;

namespace SimGan.Data.Tests.Formats;

public class MatFileTests
{
    static byte[] Sample(bool compress) => MatWriter.File(compress,
        ("data", new MatWriter.Struct(
            ("left", new MatWriter.Struct(("gaze", new MatWriter.Doubles([2, 3], [1, 2, 3, 4, 5, 6])))),
            ("note", new MatWriter.Text("hello")))),
        ("pixels", new MatWriter.Bytes([1, 3], [7, 8, 9])));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_structs_numbers_and_text(bool compress)
    {
        var variables = MatFile.Read(Sample(compress));
        var data = Assert.IsType<MatStruct>(variables["data"]);
        var gaze = Assert.IsType<MatNumeric>(Assert.IsType<MatStruct>(data.Field("left")).Field("gaze"));
        Assert.Equal([2, 3], gaze.Dimensions);
        Assert.Equal(4.0, gaze[3]);
        Assert.Equal("hello", Assert.IsType<MatText>(data.Field("note")).Text);
        var pixels = Assert.IsType<MatNumeric>(variables["pixels"]);
        Assert.Equal([7, 8, 9], pixels.Bytes);
    }

    [Fact]
    public void Refuses_files_that_are_not_v5()
    {
        Assert.Throws<InvalidDataException>(() => MatFile.Read(new byte[10]));
        var v73 = Sample(false);
        v73[126] = 0; v73[127] = 0;
        Assert.Contains("v7.3", Assert.Throws<InvalidDataException>(() => MatFile.Read(v73)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_files_fail_cleanly(bool compress)
    {
        byte[] file = Sample(compress);
        for (int length = 128; length < file.Length; length += 3)
        {
            try { MatFile.Read(file[..length]); } catch (InvalidDataException) { }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_corruption_fails_cleanly(bool compress)
    {
        byte[] file = Sample(compress);
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            var copy = (byte[])file.Clone();
            for (int k = 0; k < 3; k++) copy[random.Next(128, copy.Length)] = (byte)random.Next(256);
            try { MatFile.Read(copy); } catch (InvalidDataException) { }
        }
    }

    [Fact]
    public void Absurd_dimensions_are_refused_before_allocating()
    {
        var file = MatWriter.File(false, ("big", new MatWriter.Doubles([1, 1], [0])));
        // The dimensions element of the first matrix: header 128, matrix tag 8, flags 16, dims tag 8.
        BitConverter.GetBytes(int.MaxValue).CopyTo(file, 128 + 8 + 16 + 8);
        BitConverter.GetBytes(int.MaxValue).CopyTo(file, 128 + 8 + 16 + 8 + 4);
        Assert.Throws<InvalidDataException>(() => MatFile.Read(file));
    }

    [Fact]
    public void A_corrupt_compressed_element_is_invalid_data()
    {
        var file = new byte[128 + 8 + 16];
        System.Text.Encoding.ASCII.GetBytes("MATLAB 5.0").CopyTo(file, 0);
        file[126] = (byte)'I'; file[127] = (byte)'M';
        BitConverter.GetBytes(15).CopyTo(file, 128);
        BitConverter.GetBytes(16).CopyTo(file, 132);
        for (int i = 136; i < file.Length; i++) file[i] = 0xFF;
        Assert.Throws<InvalidDataException>(() => MatFile.Read(file));
    }
}
