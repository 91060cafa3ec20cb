namespace SimGan.Deploy.Tests.Support;

/// <summary>
/// The subset of RFC 6902 that kustomize patches here use (add, remove, replace), applied to <see cref="Yaml"/>
/// data. Like kustomize, it fails when a removed or replaced path is missing.
/// </summary>
public static class JsonPatch
{
    public static void Apply(object? document, IEnumerable<Dictionary<string, object?>> operations)
    {
        foreach (var operation in operations)
        {
            string op = Yaml.Str(operation, "op") ?? throw new InvalidOperationException("a patch operation has no op");
            string path = Yaml.Str(operation, "path") ?? throw new InvalidOperationException($"{op} has no path");
            var segments = path.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
            object? parent = document;
            foreach (string segment in segments[..^1]) parent = Step(parent, segment, path);
            string last = segments[^1];
            switch (op, parent)
            {
                case ("remove", Dictionary<string, object?> map):
                    if (!map.Remove(last)) throw new InvalidOperationException($"remove {path}: no such key");
                    break;
                case ("remove", List<object?> list):
                    list.RemoveAt(Index(list, last, path));
                    break;
                case ("replace", Dictionary<string, object?> map):
                    if (!map.ContainsKey(last)) throw new InvalidOperationException($"replace {path}: no such key");
                    map[last] = Yaml.DeepClone(operation.GetValueOrDefault("value"));
                    break;
                case ("add", Dictionary<string, object?> map):
                    map[last] = Yaml.DeepClone(operation.GetValueOrDefault("value"));
                    break;
                case ("add", List<object?> list):
                    list.Insert(last == "-" ? list.Count : Index(list, last, path), Yaml.DeepClone(operation.GetValueOrDefault("value")));
                    break;
                default:
                    throw new NotSupportedException($"{op} {path}: not supported by this test helper");
            }
        }
    }

    static object? Step(object? node, string segment, string path) => node switch
    {
        Dictionary<string, object?> map when map.TryGetValue(segment, out var next) => next,
        List<object?> list => list[Index(list, segment, path)],
        _ => throw new InvalidOperationException($"{path}: no '{segment}'"),
    };

    static int Index(List<object?> list, string segment, string path) =>
        int.TryParse(segment, out int i) && i >= 0 && i < list.Count ? i
            : throw new InvalidOperationException($"{path}: no element {segment}");
}
