using SimGan.Core.Export;
using SimGan.Core.Networks;
using SimGan.Core.Tests.Training;
using TorchSharp;

namespace SimGan.Core.Tests.Export;

public class RefinerExportTests
{
    [Fact]
    public void Exported_refiner_reloads_with_identical_outputs()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "r.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 6, 2, 3));
        RefinerExport.Save(path, refiner, new Dictionary<string, string> { ["run"] = "test" });
        using var loaded = RefinerExport.Load(path);
        using var x = torch.rand(2, 1, 9, 11);
        using var a = refiner.forward(x);
        using var b = loaded.forward(x);
        Assert.True(a.allclose(b, 0, 0));
        Assert.Equal(refiner.Spec, loaded.Spec);
    }

    [Fact]
    public void Safetensors_header_is_the_standard_layout()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "t.safetensors");
        using var t = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        SafetensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["w"] = t });
        var bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, (8 + headerLength) % 8);
        string header = System.Text.Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Contains("\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}", header);
        Assert.Equal(8 + headerLength + 24, bytes.Length);
        Assert.Equal(5f, BitConverter.ToSingle(bytes, (int)(8 + headerLength) + 20));
    }

    [Fact]
    public void A_file_with_offsets_outside_the_data_is_refused()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "bad.safetensors");
        var header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000],\"data_offsets\":[0,4000]}}"u8.ToArray();
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, 1, 2, 3, 4]);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
    }

    [Fact]
    public void An_export_of_the_zero_padded_refiner_is_refused_with_the_reason()
    {
        // Version 1 files hold weights trained with zero padding; run with replicated borders they would compute
        // another function without any warning.
        string path = Path.Combine(LocalTrainerTests.Temp(), "v1.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3));
        RefinerExport.Save(path, refiner, new Dictionary<string, string> { ["format"] = "simgan-refiner/1" });
        var error = Assert.Throws<InvalidDataException>(() => RefinerExport.Load(path));
        Assert.Contains("simgan-refiner/1", error.Message);
        Assert.Contains("train the refiner again", error.Message);
    }

    [Fact]
    public void A_refiner_with_the_equalisation_stage_exports_as_version_3_and_reloads_with_it()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "eq.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3, EqualizeOutput: true));
        RefinerExport.Save(path, refiner);
        var (tensors, meta) = SafetensorsFile.Read(path);
        foreach (var t in tensors.Values) t.Dispose();
        // Version 3, so that a build reading only version 2 refuses it instead of refining without the stage.
        Assert.Equal(RefinerExport.FormatWithOutputStage, meta["format"]);
        Assert.Equal(RefinerExport.EqualizationStage, meta["output"]);
        using var loaded = RefinerExport.Load(path);
        Assert.Equal(refiner.Spec, loaded.Spec);

        using var plain = new Refiner(new RefinerSpec(1, 4, 1, 3));
        RefinerExport.Save(path, plain);
        using var loadedPlain = RefinerExport.Load(path);
        Assert.False(loadedPlain.Spec.EqualizeOutput);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_refiner_with_input_noise_exports_as_version_4_and_reloads_computing_the_same_images(bool equalize)
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), $"noise-{equalize}.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3, equalize, NoiseChannels: 1));
        RefinerExport.Save(path, refiner);
        var (tensors, meta) = SafetensorsFile.Read(path);
        foreach (var t in tensors.Values) t.Dispose();
        // Version 4, so that a build without the noise refuses the file instead of running it without its input.
        Assert.Equal(RefinerExport.FormatWithInputNoise, meta["format"]);
        Assert.Equal("1", meta["noise_channels"]);
        Assert.Equal(RefinerInputNoise.Scheme, meta["input_noise"]);
        Assert.Equal(equalize, meta.ContainsKey("output"));
        using var loaded = RefinerExport.Load(path);
        Assert.Equal(refiner.Spec, loaded.Spec);
        using var x = torch.rand(2, 1, 9, 11) * 2 - 1;
        using var a = refiner.Refine(x);
        using var b = loaded.Refine(x);
        Assert.True(a.allclose(b, 0, 0));
    }

    [Fact]
    public void Input_noise_of_another_scheme_is_refused()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "other-noise.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3, NoiseChannels: 1));
        RefinerExport.Save(path, refiner, new Dictionary<string, string> { ["input_noise"] = "philox/1" });
        var error = Assert.Throws<InvalidDataException>(() => RefinerExport.Load(path));
        Assert.Contains("philox/1", error.Message);
    }

    [Fact]
    public void An_output_stage_this_build_does_not_know_is_refused()
    {
        string path = Path.Combine(LocalTrainerTests.Temp(), "stage.safetensors");
        using var refiner = new Refiner(new RefinerSpec(1, 4, 1, 3, EqualizeOutput: true));
        RefinerExport.Save(path, refiner, new Dictionary<string, string> { ["output"] = "gamma-2.2" });
        var error = Assert.Throws<InvalidDataException>(() => RefinerExport.Load(path));
        Assert.Contains("gamma-2.2", error.Message);
    }
}
