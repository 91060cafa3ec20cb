using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;

namespace SimGan.Data.Folders;

/// <summary>
/// labels.jsonl: one JSON object per line, each naming its image in "file". Lines that are not such objects are
/// kept as problems (line number and what is wrong) rather than failing the whole set; a torn last line, as left
/// by a crash mid-write, is one of them.
/// </summary>
public sealed class LabelsFile
{
    public const string FileName = "labels.jsonl";
    public const string FileKey = "file";

    LabelsFile(Dictionary<string, JsonObject> byFile, List<string> problems)
    {
        ByFile = byFile;
        Problems = problems;
    }

    public IReadOnlyDictionary<string, JsonObject> ByFile { get; }

    public IReadOnlyList<string> Problems { get; }

    public static LabelsFile Empty { get; } = new([], []);

    public static LabelsFile Read(string path)
    {
        var byFile = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var problems = new List<string>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (StrictJson.Parse(line) is not JsonObject labels)
                    problems.Add($"{path} line {number}: not a JSON object");
                else if (labels[FileKey] is not JsonValue file || file.GetValueKind() != JsonValueKind.String)
                    problems.Add($"{path} line {number}: no \"{FileKey}\" string naming the image");
                else
                    byFile[file.GetValue<string>()] = labels;
            }
            catch (JsonException e)
            {
                problems.Add($"{path} line {number}: malformed JSON ({e.Message.Split('\n')[0]})");
            }
        }
        return new LabelsFile(byFile, problems);
    }
}
