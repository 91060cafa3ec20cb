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

    public const string EqualizationStage = "histogram-equalization";

    public static void Save(string path, Refiner refiner, IReadOnlyDictionary<string, string>? extra = null)
    {
        var spec = refiner.Spec;
        var meta = new Dictionary<string, string>
        {
            ["format"] = spec.EqualizeOutput ? FormatWithOutputStage : Format,
            ["channels"] = spec.Channels.ToString(CultureInfo.InvariantCulture),
            ["width"] = spec.Width.ToString(CultureInfo.InvariantCulture),
            ["blocks"] = spec.Blocks.ToString(CultureInfo.InvariantCulture),
            ["kernel"] = spec.Kernel.ToString(CultureInfo.InvariantCulture),
            ["pixel_range"] = "[-1, 1] in and out; output = tanh(conv1x1(...))",
            ["padding"] = "replicate",
        };
        if (spec.EqualizeOutput) meta["output"] = EqualizationStage;
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
            if (format is not (Format or FormatWithOutputStage))
                throw new InvalidDataException($"{path} is a {format} export, whose refiner padded borders with zeros; this build reads {Format} and {FormatWithOutputStage} (replicated borders): train the refiner again");
            bool equalize = format == FormatWithOutputStage && meta.GetValueOrDefault("output") is var output
                && (output == EqualizationStage
                    ? true
                    : throw new InvalidDataException($"{path}: unknown output stage '{output}' (this build applies '{EqualizationStage}')"));
            int Get(string key) => int.TryParse(meta.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InvalidDataException($"{path}: metadata '{key}' is missing or not a number");
            var refiner = new Refiner(new RefinerSpec(Get("channels"), Get("width"), Get("blocks"), Get("kernel"), equalize));
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
