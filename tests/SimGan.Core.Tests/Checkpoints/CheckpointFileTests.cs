using SimGan.Core.Checkpoints;
using SimGan.Core.Tests.Training;

namespace SimGan.Core.Tests.Checkpoints;

public class CheckpointFileTests
{
    static Dictionary<string, byte[]> Sections() => new()
    {
        ["options"] = "{\"seed\":3}"u8.ToArray(),
        ["weights/ü"] = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray(),
        ["empty"] = [],
    };

    [Fact]
    public void Decode_gives_back_the_encoded_sections()
    {
        var sections = Sections();
        var decoded = CheckpointFile.Decode(CheckpointFile.Encode(sections), "memory");
        Assert.Equal(sections.Keys.Order(), decoded.Keys.Order());
        foreach (var (name, bytes) in sections) Assert.Equal(bytes, decoded[name]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // not a 7-bit encoded integer
    [InlineData(new byte[] { 0x95, 0xE4, 0xD9, 0xFF, 0x09 })] // a negative length
    public void A_malformed_section_name_length_is_a_corrupt_checkpoint(byte[] lengthPrefix)
    {
        // Found by AFL++: BinaryReader's FormatException and IOException escaped Decode. The checksum is made to
        // match, as it would for a file written by a faulty program rather than torn on disk.
        byte[] body = [.. "SGCKPT01"u8, 1, 0, 0, 0, .. lengthPrefix, .. new byte[16]];
        byte[] file = [.. body, .. System.Security.Cryptography.SHA256.HashData(body)];
        var error = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Decode(file, "memory"));
        Assert.Contains("malformed section name", error.Message);
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        Assert.Equal(CheckpointFile.Encode(Sections()), CheckpointFile.Encode(Sections()));
    }

    [Fact]
    public void A_checkpoint_with_no_sections_round_trips()
    {
        Assert.Empty(CheckpointFile.Decode(CheckpointFile.Encode(new Dictionary<string, byte[]>()), "memory"));
    }

    [Fact]
    public void A_flipped_byte_anywhere_fails_the_checksum_and_names_the_source()
    {
        var bytes = CheckpointFile.Encode(Sections());
        // Past the 8-byte header every position is covered by the checksum (or is the checksum).
        for (int at = 8; at < bytes.Length; at++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x01;
            var ex = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Decode(damaged, "snapshot 7"));
            Assert.Contains("checksum", ex.Message);
            Assert.Contains("snapshot 7", ex.Message);
        }
        for (int at = 0; at < 8; at++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x01;
            var ex = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Decode(damaged, "snapshot 7"));
            Assert.Contains("bad header", ex.Message);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(-1)]
    public void Short_inputs_are_refused(int keep)
    {
        var bytes = CheckpointFile.Encode(Sections());
        var cut = keep >= 0 ? bytes[..keep] : bytes[..(bytes.Length + keep)];
        Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Decode(cut, "memory"));
    }

    [Fact]
    public void WriteEncoded_puts_exactly_the_encoded_bytes_on_disk_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "nested", "c.sgck");
        var bytes = CheckpointFile.Encode(Sections());
        CheckpointFile.WriteEncoded(path, bytes);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".tmp"));

        // Write is Encode followed by WriteEncoded: the same bytes either way.
        string other = Path.Combine(LocalTrainerTests.Temp(), "d.sgck");
        CheckpointFile.Write(other, Sections());
        Assert.Equal(bytes, File.ReadAllBytes(other));
    }

    [Fact]
    public void WriteEncoded_replaces_an_existing_file()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "e.sgck");
        File.WriteAllText(path, "an older and much longer file than the checkpoint that replaces it ...........");
        var bytes = CheckpointFile.Encode(new Dictionary<string, byte[]> { ["x"] = [1] });
        CheckpointFile.WriteEncoded(path, bytes);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }
}
