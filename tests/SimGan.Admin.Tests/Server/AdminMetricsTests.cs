using SimGan.Admin.Tests.Support;

namespace SimGan.Admin.Tests.Server;

public sealed class AdminMetricsTests
{
    [Fact]
    public async Task A_scrape_reads_the_training_and_the_cluster_as_they_are_now()
    {
        await using var server = await TestAdminServer.StartAsync();
        using var client = server.Client();
        var text = await client.GetMetricsAsync();

        Assert.Contains("simgan_training_step 1200", text);
        Assert.Contains("simgan_training_total_steps 10000", text);
        Assert.Contains("simgan_training_loss_d 0.69", text);
        Assert.Contains("simgan_training_loss_r_adversarial 0.71", text);
        Assert.Contains("simgan_training_loss_r_self_regularization 0.0123", text);
        Assert.Contains("simgan_training_images_per_second 512.5", text);
        Assert.Contains("simgan_message_bytes_sent 123456789", text);
        Assert.Contains("simgan_message_bytes_received 98765432", text);
        Assert.Contains("simgan_buffer_fill_images 1000", text);
        Assert.Contains("simgan_buffer_capacity_images 2000", text);
        Assert.Contains("simgan_snapshot_age_seconds 42.5", text);
        Assert.Contains("simgan_discriminator_workers_up 2", text);
        Assert.Contains("simgan_cluster_members{status=\"Up\"} 3", text);
        Assert.Contains("simgan_cluster_members{status=\"Down\"} 0", text);
        Assert.Contains("simgan_cluster_unreachable_members 1", text);

        server.Cluster.Training = server.Cluster.Training! with { Step = 1300, LossD = null };
        var later = await client.GetMetricsAsync();
        Assert.Contains("simgan_training_step 1300", later);
        Assert.Contains("simgan_training_loss_d NaN", later);
    }

    [Fact]
    public async Task Two_servers_in_one_process_keep_their_own_gauges()
    {
        await using var first = await TestAdminServer.StartAsync();
        await using var second = await TestAdminServer.StartAsync();
        second.Cluster.Training = null;
        using var firstClient = first.Client();
        using var secondClient = second.Client();
        Assert.Contains("simgan_training_running 1", await firstClient.GetMetricsAsync());
        Assert.Contains("simgan_training_running 0", await secondClient.GetMetricsAsync());
    }
}
