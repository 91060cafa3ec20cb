using SimGan.Core.Images;
using SimGan.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Training;

/// <summary>Moves image batches between the data layer's [0, 1] floats and the networks' [-1, 1] tensors.</summary>
public static class ImageTensors
{
    public static Tensor FromPixels(float[] pixels, int count, ImageShape shape)
    {
        if (pixels.Length < count * shape.Pixels) throw new ArgumentException("the pixel buffer is smaller than the batch");
        // torch.tensor copies its array, so only a longer buffer needs trimming first.
        var exact = pixels.Length == count * shape.Pixels ? pixels : pixels[..(count * shape.Pixels)];
        using var t = torch.tensor(exact, new long[] { count, shape.Channels, shape.Height, shape.Width });
        return t.mul(HeldScalars.TwoSingle).sub_(HeldScalars.OneSingle);
    }

    public static float[] ToPixels(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return images.detach().add(HeldScalars.OneSingle, HeldScalars.One).mul_(HeldScalars.HalfSingle)
            .clamp_(HeldScalars.ZeroSingle, HeldScalars.OneSingle).cpu().contiguous().data<float>().ToArray();
    }
}
