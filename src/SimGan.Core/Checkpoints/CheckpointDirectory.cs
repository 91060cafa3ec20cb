using System.Globalization;

namespace SimGan.Core.Checkpoints;

/// <summary>
/// A run's checkpoints/ folder: files named step-NNNNNNNNN.sgck, the newest few kept. Resuming takes the newest
/// file that verifies, and says which broken ones it passed over.
/// </summary>
public sealed class CheckpointDirectory(string directory, int keep = 3)
{
    public string Directory { get; } = directory;

    public string PathFor(long step) => Path.Combine(Directory, $"step-{step.ToString("D9", CultureInfo.InvariantCulture)}.sgck");

    public IReadOnlyList<string> Newest() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "step-*.sgck").OrderByDescending(p => p, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Drops all but the newest <c>keep</c> checkpoints; never the one just written.</summary>
    public void Prune()
    {
        foreach (var old in Newest().Skip(keep)) File.Delete(old);
    }

    /// <summary>The newest checkpoint that passes its checksum, or null; each one skipped is reported.</summary>
    public (string Path, IReadOnlyDictionary<string, byte[]> Sections)? LoadNewestValid(Action<string> warn)
    {
        foreach (var path in Newest())
        {
            try { return (path, CheckpointFile.Read(path)); }
            catch (CorruptCheckpointException ex) { warn($"{ex.Message}; trying the one before it"); }
        }
        return null;
    }
}
