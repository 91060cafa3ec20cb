using SimGan.Evaluation.Report;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Report;

public class TrainingMetricsTests
{
    [Fact]
    public void Reads_every_key_and_skips_a_torn_last_line()
    {
        using var folder = new TempDirectory();
        string path = folder.File("metrics.jsonl");
        File.WriteAllLines(path,
        [
            """{"step":1,"phase":"pretrain_r","loss_d":null,"loss_r_adv":null,"loss_r_reg":0.5,"images_per_s":100.5,"k_g":1}""",
            """{"step":2,"phase":"adversarial","loss_d":0.69,"loss_r_adv":0.7,"loss_r_reg":0.4,"images_per_s":90,"k_g":2}""",
            """{"step":3,"phase":"advers""",
        ]);
        var metrics = TrainingMetrics.Read(path, out int skipped);
        Assert.Equal(1, skipped);
        Assert.Equal(2, metrics.Count);
        Assert.Equal(new TrainingMetric(1, "pretrain_r", null, null, 0.5, 100.5, 1), metrics[0]);
        Assert.Equal(new TrainingMetric(2, "adversarial", 0.69, 0.7, 0.4, 90, 2), metrics[1]);
    }
}
