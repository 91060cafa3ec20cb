using System.Text;
using SimGan.Data.Eyes;

namespace SimGan.Data.Tests.Eyes;

/// <summary>
/// eyes-synthetic and eyes-real drive the demo whose figures docs/ and README document: changing one of their images
/// or labels by one bit would silently change those figures. These checksums were computed before eyes-rendered got
/// proportions of its own and pin both domains' images (every float's bits) and labels (their JSON) as they were.
/// </summary>
public class PinnedDomainTests
{
    const ulong Seed = 11;
    const int Images = 16;

    /// <summary>FNV-1a over the images' float bits and the labels' JSON of the first <see cref="Images"/> samples.</summary>
    static ulong Checksum(EyeDomain domain, int height, int width)
    {
        var dataset = new EyeDataset(domain, null, Seed, height, width);
        ulong hash = 0xCBF29CE484222325UL;
        void Add(byte b) => hash = (hash ^ b) * 0x100000001B3UL;
        var pixels = new float[dataset.Shape.Pixels];
        for (int i = 0; i < Images; i++)
        {
            dataset.ReadImage(i, pixels);
            foreach (float v in pixels)
            {
                uint bits = BitConverter.SingleToUInt32Bits(v);
                for (int k = 0; k < 32; k += 8) Add((byte)(bits >> k));
            }
            foreach (byte b in Encoding.UTF8.GetBytes(dataset.Labels(i)!.ToJsonString())) Add(b);
        }
        return hash;
    }

    [Theory]
    [InlineData(EyeDomain.Synthetic, 35, 55, 11421732451399716UL)]
    [InlineData(EyeDomain.Synthetic, 36, 60, 10438244185495920297UL)]
    [InlineData(EyeDomain.Real, 35, 55, 10191902909701122622UL)]
    [InlineData(EyeDomain.Real, 36, 60, 1021529032914141975UL)]
    public void The_simulator_and_camera_domains_draw_exactly_the_images_and_labels_they_always_drew(
        EyeDomain domain, int height, int width, ulong expected)
    {
        Assert.Equal(expected, Checksum(domain, height, width));
    }
}
