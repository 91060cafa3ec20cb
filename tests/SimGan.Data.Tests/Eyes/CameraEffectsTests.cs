using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

public class CameraEffectsTests
{
    [Fact]
    public void Equalisation_spreads_a_narrow_histogram_over_the_full_range_keeping_order()
    {
        float[] image = [0.40f, 0.41f, 0.42f, 0.43f, 0.44f, 0.45f, 0.46f, 0.47f];
        CameraEffects.EqualizeHistogram(image);
        Assert.Equal(0f, image[0]);
        Assert.Equal(1f, image[^1]);
        for (int i = 1; i < image.Length; i++) Assert.True(image[i] > image[i - 1]);
    }

    [Fact]
    public void Equalisation_of_a_flat_image_only_quantises_it()
    {
        float[] image = [0.5f, 0.5f, 0.5f];
        CameraEffects.EqualizeHistogram(image);
        Assert.All(image, v => Assert.Equal(128 / 255f, v));
    }

    [Fact]
    public void Blur_keeps_a_flat_image_flat_and_softens_a_step()
    {
        var flat = Enumerable.Repeat(0.3f, 5 * 9).ToArray();
        CameraEffects.GaussianBlur(flat, 5, 9, 1f);
        Assert.All(flat, v => Assert.Equal(0.3f, v, 1e-5f));
        var step = new float[9];
        for (int i = 5; i < 9; i++) step[i] = 1f;
        CameraEffects.GaussianBlur(step, 1, 9, 1f);
        Assert.InRange(step[4], 0.2f, 0.5f);
        Assert.InRange(step[5], 0.5f, 0.8f);
    }

    [Fact]
    public void The_refiners_equalising_stage_gives_the_camera_domains_equalisation_to_the_level()
    {
        // The refiner's output stage (Core, in torch, on batches) must equalise as eyes-real's images are equalised
        // here, or the discriminator would learn the difference between two implementations.
        var set = new EyeDataset(EyeDomain.Synthetic, 24, 5);
        int pixels = set.Shape.Pixels;
        var batch = new float[24 * pixels];
        for (int i = 0; i < 24; i++) set.ReadImage(i, batch.AsSpan(i * pixels, pixels));
        // 8-bit images, as every decoded or refined image is.
        for (int i = 0; i < batch.Length; i++) batch[i] = MathF.Round(batch[i] * 255f) / 255f;
        using var input = TorchSharp.torch.tensor(batch.Select(v => v * 2 - 1).ToArray(), new long[] { 24, 1, set.Shape.Height, set.Shape.Width });
        using var staged = SimGan.Core.Networks.HistogramEqualization.Apply(input);
        var fromTorch = staged.data<float>().ToArray();
        for (int i = 0; i < 24; i++)
        {
            var image = batch.AsSpan(i * pixels, pixels).ToArray();
            CameraEffects.EqualizeHistogram(image);
            for (int p = 0; p < pixels; p++)
                Assert.Equal((int)MathF.Round(image[p] * 255), (int)MathF.Round((fromTorch[i * pixels + p] + 1) / 2 * 255));
        }
    }
}
