using SimGan.Data.Folders;

namespace SimGan.Fuzz.Targets;

/// <summary>labels.jsonl beside a folder dataset: bad lines become listed problems, so nothing may throw at all.</summary>
public sealed class LabelsTarget : FuzzTarget
{
    readonly ScratchFolder _scratch = new("labels");

    public override string Name => "labels";

    public override string Parser => "LabelsFile.Read";

    protected override void Parse(byte[] input)
    {
        string path = _scratch.Combine(LabelsFile.FileName);
        File.WriteAllBytes(path, input);
        LabelsFile.Read(path);
    }

    protected override bool IsRefusal(Exception error) => false;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        yield return ("labels.jsonl", System.Text.Encoding.UTF8.GetBytes(
            "{\"file\": \"000001.png\", \"gaze_pitch\": 0.1, \"gaze_yaw\": -0.2, \"pupil_x\": 27.5}\n" +
            "{\"file\": \"000002.png\", \"gaze_pitch\": -0.05, \"gaze_yaw\": 0.3, \"tags\": [\"a\", null, true]}\n" +
            "\n{\"file\": \"000003.png\", \"nested\": {\"x\": 1e-3}}\n"));
    }

    public override void Dispose() => _scratch.Dispose();
}
