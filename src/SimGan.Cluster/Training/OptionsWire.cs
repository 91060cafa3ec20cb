using System.Text.Json;
using SimGan.Core.Training;

namespace SimGan.Cluster.Training;

/// <summary>Training options as JSON inside messages: the feeder and the workers build what the coordinator uses.</summary>
public static class OptionsWire
{
    public static string ToJson(TrainingOptions options) => JsonSerializer.Serialize(options);

    public static TrainingOptions FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingOptions>(json) ?? throw new InvalidDataException("empty training options");
}
