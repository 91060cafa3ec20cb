using System.Text.RegularExpressions;
using SimGan.Core.Augmentation;
using TorchSharp;

namespace SimGan.Core.Tests.Training;

/// <summary>
/// Every tensor a training step makes must be made on the networks' device. Without a GPU two checks stand in:
/// LibTorch's meta device (shapes, no data) refuses to mix with a CPU tensor, so a piece of the step whose operators
/// have meta kernels runs on it; most of the step's operators (convolutions, losses) have none in LibTorch's C++
/// build, so the step's sources are also read for a tensor factory called without a device.
/// </summary>
public class DevicePlacementTests
{
    static readonly torch.Device Meta = new(DeviceType.META);

    [Fact]
    public void A_tensor_made_on_the_cpu_does_not_mix_with_the_meta_device()
    {
        // The premise of the next test: if LibTorch accepted the mix, a stray CPU tensor would go unnoticed.
        using var onMeta = torch.zeros(2, 3, device: Meta);
        using var onCpu = torch.ones(2, 3);
        Assert.ThrowsAny<Exception>(() => onMeta.add(onCpu));
    }

    [Fact]
    public void Augmentation_makes_its_draws_on_the_images_device()
    {
        // The step's piece that makes the most tensors of its own (per-row draws, gather indices, cutout masks), and
        // one whose operators all have meta kernels; LibTorch has none for convolutions, losses or abs.
        using var scope = torch.NewDisposeScope();
        var images = torch.zeros(4, 1, 10, 12, device: Meta);
        var augmented = DifferentiableAugmentation.Apply(images, AugmentationPolicy.All, new AugmentationKey(3, 7, AugmentedBatch.RefinerStep));
        Assert.Equal(DeviceType.META, augmented.device_type);
    }

    // Factories that allocate a new tensor; each call in the step's code must say where.
    static readonly Regex Factory = new(@"torch\.(tensor|full|zeros|ones|empty|arange|linspace|eye|rand|randn|randint)\(", RegexOptions.Compiled);

    // Host tensors by design: pixels arrive from the data layer on the host and are moved by the slice code; weights
    // and gradients cross as host arrays and land through copy_ (which moves them) on the master networks.
    static readonly string[] HostByDesign = ["ImageTensors.cs", "WeightVector.cs"];

    [Fact]
    public void No_tensor_factory_in_the_step_code_leaves_out_its_device()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SimGanCluster.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("SimGanCluster.sln");
        var stray = new List<string>();
        foreach (string folder in new[] { "Training", "Losses", "Augmentation", "Networks" })
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "src", "SimGan.Core", folder), "*.cs", SearchOption.AllDirectories))
        {
            if (HostByDesign.Contains(Path.GetFileName(file))) continue;
            string text = File.ReadAllText(file);
            foreach (Match m in Factory.Matches(text))
            {
                string call = Call(text, m.Index + m.Length - 1);
                if (!call.Contains("device:")) stray.Add($"{Path.GetRelativePath(root, file)}: {call}");
            }
        }
        Assert.True(stray.Count == 0, "tensors made without a device:\n" + string.Join("\n", stray));
        Assert.Contains("torch.full(", File.ReadAllText(Path.Combine(root, "src", "SimGan.Core", "Losses", "LocalAdversarialLoss.cs"))); // the scan sees something
    }

    // The text of a call from its opening parenthesis to the matching closing one.
    static string Call(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return text[(open - 12 < 0 ? 0 : open - 12)..(i + 1)];
        }
        return text[open..];
    }
}
