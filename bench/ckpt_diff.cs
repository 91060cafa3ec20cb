#:project ../src/SimGan.Core/SimGan.Core.csproj
// Compares two checkpoints section by section (meta.json aside, which names every option).
using SimGan.Core.Checkpoints;
var a = CheckpointFile.Read(args[0]);
var b = CheckpointFile.Read(args[1]);
foreach (var name in a.Keys.Union(b.Keys).Order())
    Console.WriteLine($"{name}: {(a.TryGetValue(name, out var x) && b.TryGetValue(name, out var y) ? (x.AsSpan().SequenceEqual(y) ? "same" : "DIFFERENT") : "missing")}");
