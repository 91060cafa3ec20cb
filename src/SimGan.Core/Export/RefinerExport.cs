using System.Globalization;
using SimGan.Core.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Export;

/// <summary>
/// A trained refiner as a safetensors file: the weights under their module names plus the architecture in the
/// metadata, so the file alone rebuilds the network (see docs/refiner-export.md for loading it in PyTorch).
/// </summary>
public static class RefinerExport
{
    /// <summary>Version 2: every convolution replicates the border (version 1 padded with zeros).</summary>
    public const string Format = "simgan-refiner/2";

    /// <summary>
    /// Version 3: version 2 plus an output stage named by the 'output' key. Written only for refiners that have one,
    /// so that a build that cannot apply the stage refuses the file instead of refining without it.
    /// </summary>
    public const string FormatWithOutputStage = "simgan-refiner/3";

    /// <summary>
    /// Version 4: version 3 (the output stage optional) plus noise channels appended to the input, computed by the
    /// scheme the 'input_noise' key names. Written only for refiners that have them, for the same reason as 3.
    /// </summary>
    public const string FormatWithInputNoise = "simgan-refiner/4";

    public const string EqualizationStage = "histogram-equalization";

    public static void Save(string path, Refiner refiner, IReadOnlyDictionary<string, string>? extra = null)
    {
        var spec = refiner.Spec;
        var meta = new Dictionary<string, string>
        {
            ["format"] = spec.NoiseChannels > 0 ? FormatWithInputNoise : spec.EqualizeOutput ? FormatWithOutputStage : Format,
            ["channels"] = spec.Channels.ToString(CultureInfo.InvariantCulture),
            ["width"] = spec.Width.ToString(CultureInfo.InvariantCulture),
            ["blocks"] = spec.Blocks.ToString(CultureInfo.InvariantCulture),
            ["kernel"] = spec.Kernel.ToString(CultureInfo.InvariantCulture),
            ["pixel_range"] = "[-1, 1] in and out; output = tanh(conv1x1(...))",
            ["padding"] = "replicate",
        };
        if (spec.EqualizeOutput) meta["output"] = EqualizationStage;
        if (spec.NoiseChannels > 0)
        {
            meta["noise_channels"] = spec.NoiseChannels.ToString(CultureInfo.InvariantCulture);
            meta["input_noise"] = RefinerInputNoise.Scheme;
        }
        if (extra != null) foreach (var (k, v) in extra) meta[k] = v;
        SafetensorsFile.Write(path, refiner.state_dict(), meta);
    }

    public static Refiner Load(string path)
    {
        var (tensors, meta) = SafetensorsFile.Read(path);
        try
        {
            if (!meta.TryGetValue("format", out var format) || !format.StartsWith("simgan-refiner/", StringComparison.Ordinal))
                throw new InvalidDataException($"{path} is not a SimGanCluster refiner export (metadata 'format' missing)");
            // The same weights compute another function under other padding, so an older file is refused, not reused.
            if (format == "simgan-refiner/1")
                throw new InvalidDataException($"{path} is a {format} export, whose refiner padded borders with zeros; this build reads {Format}, {FormatWithOutputStage} and {FormatWithInputNoise} (replicated borders): train the refiner again");
            if (format is not (Format or FormatWithOutputStage or FormatWithInputNoise))
                throw new InvalidDataException($"{path} is a {format} export; this build reads {Format}, {FormatWithOutputStage} and {FormatWithInputNoise}");
            // Version 3 exists to name its stage; version 4 names one only when it has one.
            string? output = meta.GetValueOrDefault("output");
            bool equalize = (format == FormatWithOutputStage || (format == FormatWithInputNoise && output != null))
                && (output == EqualizationStage
                    ? true
                    : throw new InvalidDataException($"{path}: unknown output stage '{output}' (this build applies '{EqualizationStage}')"));
            int Get(string key) => int.TryParse(meta.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InvalidDataException($"{path}: metadata '{key}' is missing or not a number");
            int noise = 0;
            if (format == FormatWithInputNoise)
            {
                if (meta.GetValueOrDefault("input_noise") != RefinerInputNoise.Scheme)
                    throw new InvalidDataException($"{path}: input noise '{meta.GetValueOrDefault("input_noise")}' is not the scheme this build computes ('{RefinerInputNoise.Scheme}')");
                noise = Get("noise_channels");
                if (noise < 1 || noise > RefinerSpec.MaxNoiseChannels)
                    throw new InvalidDataException($"{path}: metadata 'noise_channels' must be between 1 and {RefinerSpec.MaxNoiseChannels}");
            }
            var refiner = new Refiner(new RefinerSpec(Get("channels"), Get("width"), Get("blocks"), Get("kernel"), equalize, noise));
            using (torch.no_grad())
            {
                var (missing, unexpected) = refiner.load_state_dict(tensors, strict: false);
                if (missing.Count > 0 || unexpected.Count > 0)
                    throw new InvalidDataException($"{path}: weights do not match the architecture (missing {missing.Count}, unexpected {unexpected.Count})");
            }
            return refiner;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
