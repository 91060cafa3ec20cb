using SimGan.Core.Images;

namespace SimGan.Data.Imaging;

/// <summary>Turns a decoded image into the network's input: the target channels and size, floats in [0, 1].</summary>
public static class ImageConversion
{
    /// <summary>
    /// 1 channel: ITU-R BT.601 luma, what OpenCV's grayscale conversion (and so MPIIGaze) uses. 3 channels: RGB; a gray
    /// file is replicated into all three.
    /// </summary>
    public static void ToChannelsFirst(DecodedImage image, ImageShape shape, Span<float> destination)
    {
        int plane = image.Width * image.Height;
        var channel = new float[plane];
        int targetPlane = shape.Height * shape.Width;
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int i = 0; i < plane; i++)
            {
                int p = 3 * i;
                channel[i] = shape.Channels == 1
                    ? (0.299f * image.Rgb[p] + 0.587f * image.Rgb[p + 1] + 0.114f * image.Rgb[p + 2]) / 255f
                    : image.Rgb[p + c] / 255f;
            }
            var target = destination.Slice(c * targetPlane, targetPlane);
            Resampler.Resize(channel, image.Height, image.Width, target, shape.Height, shape.Width);
            for (int i = 0; i < target.Length; i++) target[i] = Math.Clamp(target[i], 0f, 1f);
        }
    }
}
