using System.Text.Json;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Tests.Contract;

public sealed class AdminJsonTests
{
    [Fact]
    public void Names_are_snake_case_and_role_keys_are_kept_as_they_are()
    {
        var view = new ClusterView("a", null, [new MemberView("a", ["refiner"], "Up", true, 1)],
            new Dictionary<string, string> { ["Refiner"] = "a" });
        var json = JsonSerializer.Serialize(view, AdminJson.Options);
        Assert.Contains("\"self_address\"", json);
        Assert.Contains("\"oldest_by_role\"", json);
        Assert.Contains("\"up_number\"", json);
        Assert.Contains("\"Refiner\"", json);
    }

    [Fact]
    public void Training_fields_have_the_documented_names()
    {
        var status = new TrainingStatusView("adversarial", 1, 2, 1, 1, double.NaN, null, null, 0, 0, 0, 0, 0, false, null, null, 0, 0, 0, 0);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(status, AdminJson.Options));
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var name in new[] { "kg", "kd", "loss_d", "loss_r_adversarial", "loss_r_self_regularization", "images_per_second",
                     "discriminator_workers_up", "last_snapshot_step", "snapshot_age_seconds", "message_bytes_sent" })
            Assert.Contains(name, names);
        Assert.Equal("NaN", doc.RootElement.GetProperty("loss_d").GetString());
    }
}
