using SimGan.Core.Networks;
using SimGan.Core.Runtime;
using TorchSharp;

namespace SimGan.Core.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void LibTorch_loads_and_computes()
    {
        TorchRuntime.EnsureLoaded();
        using var x = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var y = x.matmul(x.t());
        Assert.Equal(new float[] { 5, 14, 14, 50 }, y.data<float>().ToArray());
        Assert.Contains("LibTorch 2.10", TorchRuntime.Describe());
    }

    [Fact]
    public void Every_network_is_built_with_nnpack_off()
    {
        // Where NNPACK cannot run (an unknown CPU), LibTorch logs a warning on every convolution that asks for it.
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3));
        Assert.False(TorchRuntime.NnpackEnabled());
    }

    [Fact]
    public void Without_one_dnn_turns_it_off_and_puts_back_what_was_there()
    {
        // LibTorch's default is on; the evaluation networks switch it off for their own duration only.
        Assert.True(TorchRuntime.OneDnnEnabled());
        using (TorchRuntime.WithoutOneDnn())
        {
            Assert.False(TorchRuntime.OneDnnEnabled());
            using (TorchRuntime.WithoutOneDnn()) Assert.False(TorchRuntime.OneDnnEnabled());
            // The inner scope restores "off", not LibTorch's default.
            Assert.False(TorchRuntime.OneDnnEnabled());
        }
        Assert.True(TorchRuntime.OneDnnEnabled());
    }
}
