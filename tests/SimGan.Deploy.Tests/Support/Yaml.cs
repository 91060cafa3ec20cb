using YamlDotNet.RepresentationModel;

namespace SimGan.Deploy.Tests.Support;

/// <summary>
/// YAML as plain data: mappings become ordered string-keyed dictionaries, sequences lists, scalars strings
/// (numbers too: "4053"). Small enough to navigate and to patch like kustomize does.
/// </summary>
public static class Yaml
{
    /// <summary>Every document of a (multi-document) YAML text; empty documents are skipped.</summary>
    public static List<object?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => Convert(d.RootNode))
            .ToList();
    }

    static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? "",
            kv => Convert(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode { Value: var v, Style: YamlDotNet.Core.ScalarStyle.Plain } when v is "~" or "null" or "" => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    public static Dictionary<string, object?>? Map(object? node) => node as Dictionary<string, object?>;

    public static List<object?> Seq(object? node) => node as List<object?> ?? [];

    public static IEnumerable<Dictionary<string, object?>> Maps(object? node) => Seq(node).OfType<Dictionary<string, object?>>();

    /// <summary>The node at a path of mapping keys, or null where any step is missing.</summary>
    public static object? At(object? node, params string[] path)
    {
        foreach (string key in path)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(key, out node)) return null;
        }
        return node;
    }

    public static string? Str(object? node, params string[] path) => At(node, path) as string;

    public static Dictionary<string, string> StringMap(object? node) =>
        Map(node)?.Where(kv => kv.Value is string).ToDictionary(kv => kv.Key, kv => (string)kv.Value!) ?? [];

    public static object? DeepClone(object? node) => node switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => DeepClone(kv.Value)),
        List<object?> list => list.Select(DeepClone).ToList(),
        _ => node,
    };

    /// <summary>Every scalar and key in a tree, for "does this appear anywhere" checks.</summary>
    public static IEnumerable<string> AllStrings(object? node)
    {
        switch (node)
        {
            case string s:
                yield return s;
                break;
            case Dictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    yield return key;
                    foreach (string s in AllStrings(value)) yield return s;
                }
                break;
            case List<object?> list:
                foreach (object? item in list)
                foreach (string s in AllStrings(item)) yield return s;
                break;
        }
    }
}
