using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimGan.Core.Json;

/// <summary>
/// Parses JSON read from files. System.Text.Json accepts a repeated property name while parsing and throws an
/// <see cref="ArgumentException"/> only when the object is first indexed, far from the code that reports bad input
/// (found by fuzzing labels.jsonl and UnityEyes files). Here a repeated name is a <see cref="JsonException"/> at
/// parse time, like any other malformed JSON.
/// </summary>
public static class StrictJson
{
    static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: Options);

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) => JsonNode.Parse(utf8, documentOptions: Options);

    public static JsonDocument ParseDocument(string text) => JsonDocument.Parse(text, Options);
}
