using SimGan.Data.Formats.Mat;
using SimGan.Data.Tests.Formats;

namespace SimGan.Fuzz.Targets;

/// <summary>The MATLAB v5 reader behind mpiigaze: and nyu-hand: (compressed elements, numbers, text, structs).</summary>
public sealed class MatTarget : FuzzTarget
{
    public override string Name => "mat";

    public override string Parser => "MatFile.Read";

    protected override void Parse(byte[] input) => MatFile.Read(input);

    protected override bool IsRefusal(Exception error) => error is InvalidDataException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        (string, MatWriter.Value)[] variables =
        [
            ("joint_uvd", new MatWriter.Doubles([1, 2, 3], [1, 2, 3, 4, 5, 6])),
            ("data", new MatWriter.Struct(
                ("gaze", new MatWriter.Doubles([2, 3], [0.1, 0.2, -0.3, 0.4, 0.9, 0.8])),
                ("image", new MatWriter.Bytes([2, 3, 4], Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray())),
                ("name", new MatWriter.Text("day01")))),
        ];
        yield return ("plain.mat", MatWriter.File(compress: false, variables));
        yield return ("compressed.mat", MatWriter.File(compress: true, variables));
    }
}
