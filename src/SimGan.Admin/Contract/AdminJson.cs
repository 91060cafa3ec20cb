using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimGan.Admin.Contract;

/// <summary>The one JSON shape both server and client use: snake_case names, so curl users and Python tools read it naturally.</summary>
public static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // A diverged loss is NaN; it should reach the operator as NaN rather than fail the whole answer.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
