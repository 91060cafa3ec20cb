using System.Text.Json;
using System.Text.Json.Serialization;
using SimGan.Core.Json;
using SimGan.Core.Training;

namespace SimGan.Cli.Runs;

/// <summary>A run's full configuration: the training options and the data it was trained on. Saved as config.json.</summary>
public sealed record RunConfig(string Synthetic, string Real, TrainingOptions Training)
{
    /// <summary>Names the run in a shared snapshot store (cluster engine); absent for local runs.</summary>
    public string? RunId { get; init; }

    /// <summary>Health watch and export choices; absent from runs written before they existed, which get the defaults.</summary>
    public RunWatchOptions Watch { get; init; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public void Save(string path)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    public static RunConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json)
                   ?? throw new UserError($"{path} is empty");
        }
        catch (JsonException ex) { throw new UserError($"{path} is not a valid run configuration: {ex.Message}"); }
        catch (FileNotFoundException) { throw new UserError($"config file {path} does not exist"); }
    }

    /// <summary>Reads a --config file: the training options alone, in the same snake_case form config.json uses.</summary>
    public static TrainingOptions LoadOptions(string path)
    {
        try
        {
            using var doc = StrictJson.ParseDocument(File.ReadAllText(path));
            var node = doc.RootElement.TryGetProperty("training", out var inner) ? inner : doc.RootElement;
            return node.Deserialize<TrainingOptions>(Json) ?? throw new UserError($"{path} is empty");
        }
        catch (JsonException ex) { throw new UserError($"{path} is not a valid training configuration: {ex.Message}"); }
        catch (FileNotFoundException) { throw new UserError($"config file {path} does not exist"); }
    }
}
