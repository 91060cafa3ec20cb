using System.Security.Cryptography;
using System.Text;

namespace SimGan.Core.Checkpoints;

/// <summary>
/// A checkpoint on disk: named binary sections followed by a SHA-256 of everything before it.
/// Written to a temporary file, flushed to the device, then renamed, so a crash leaves the old file or the new
/// one, never half of one. A file whose checksum fails is refused before any section is parsed.
/// Layout: "SGCKPT01", int32 count, count × (string name, int64 length, bytes), 32-byte SHA-256.
/// </summary>
public static class CheckpointFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SGCKPT01");
    private const long MaxSectionBytes = 8L << 30;

    public static void Write(string path, IReadOnlyDictionary<string, byte[]> sections) => WriteEncoded(path, Encode(sections));

    /// <summary>Writes bytes from <see cref="Encode"/> with the same temp-file, flush and rename discipline.</summary>
    public static void WriteEncoded(string path, byte[] bytes)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = path + ".tmp";
        try
        {
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // A full disk, most often: the half-written file goes, the checkpoints written before stay as they were.
            try { File.Delete(tmp); } catch (IOException) { }
            throw new IOException($"could not write the checkpoint {path} ({ex.Message.TrimEnd('.', ' ')}); the checkpoints before it are intact", ex);
        }
    }

    /// <summary>The checkpoint as bytes, checksum included: what the file holds and what a cluster snapshot stores.</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, byte[]> sections)
    {
        // Sized up front: a growing stream would leave a trail of large arrays, each twice the last, per checkpoint.
        long capacity = Magic.Length + 4 + 32 + sections.Sum(s => Encoding.UTF8.GetByteCount(s.Key) + 5 + 8 + (long)s.Value.Length);
        using var body = new MemoryStream((int)Math.Min(capacity, Array.MaxLength));
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(sections.Count);
            foreach (var (name, bytes) in sections)
            {
                w.Write(name);
                w.Write((long)bytes.Length);
                w.Write(bytes);
            }
        }
        body.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        return body.ToArray();
    }

    /// <summary>Reads and verifies a checkpoint; throws <see cref="CorruptCheckpointException"/> naming what is wrong.</summary>
    public static IReadOnlyDictionary<string, byte[]> Read(string path)
    {
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (IOException ex) { throw new CorruptCheckpointException(path, $"cannot be read ({ex.Message})"); }
        return Decode(all, path);
    }

    /// <summary>Verifies and splits checkpoint bytes; <paramref name="source"/> names them in errors.</summary>
    public static IReadOnlyDictionary<string, byte[]> Decode(byte[] all, string source)
    {
        var path = source;
        if (all.Length < Magic.Length + 4 + 32 || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CorruptCheckpointException(path, "is not a SimGanCluster checkpoint (bad header or too short)");
        var expected = all.AsSpan(all.Length - 32);
        var actual = SHA256.HashData(all.AsSpan(0, all.Length - 32));
        if (!expected.SequenceEqual(actual))
            throw new CorruptCheckpointException(path, "fails its checksum (torn or corrupted write)");

        var sections = new Dictionary<string, byte[]>();
        using var r = new BinaryReader(new MemoryStream(all, 0, all.Length - 32, writable: false), Encoding.UTF8);
        try
        {
            r.ReadBytes(Magic.Length);
            int count = r.ReadInt32();
            if (count < 0 || count > 1000) throw new CorruptCheckpointException(path, "has an absurd section count");
            for (int i = 0; i < count; i++)
            {
                string name = r.ReadString();
                long length = r.ReadInt64();
                if (length < 0 || length > MaxSectionBytes || length > r.BaseStream.Length - r.BaseStream.Position)
                    throw new CorruptCheckpointException(path, $"section '{name}' has an impossible length");
                sections[name] = r.ReadBytes((int)length);
            }
        }
        catch (EndOfStreamException) { throw new CorruptCheckpointException(path, "ends inside a section"); }
        // A section name whose length prefix is not a 7-bit integer, or is negative (found by fuzzing).
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw new CorruptCheckpointException(path, "has a malformed section name");
        }
        return sections;
    }
}

public sealed class CorruptCheckpointException(string path, string problem)
    : Exception($"checkpoint {path} {problem}")
{
    public string Path { get; } = path;
}
