using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimGan.Core.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace SimGan.Core.Export;

/// <summary>
/// The safetensors format (8-byte little-endian header length, a JSON header of name → dtype, shape and byte
/// offsets, then raw little-endian data), so PyTorch users can load a refiner with safetensors.torch.load_file.
/// Only float32 is written; reading checks every offset against the file before touching data.
/// </summary>
public static class SafetensorsFile
{
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        var blobs = new List<byte[]>();
        foreach (var (name, tensor) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (tensor.dtype != ScalarType.Float32) throw new NotSupportedException($"tensor {name} is {tensor.dtype}; only float32 is exported");
            using var cpu = tensor.detach().cpu().contiguous();
            byte[] bytes = cpu.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(cpu.shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The format asks for the data to start 8-byte aligned; pad the header with spaces.
        int pad = (8 - json.Length % 8) % 8;
        string tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        {
            f.Write(BitConverter.GetBytes((ulong)(json.Length + pad)));
            f.Write(json);
            for (int i = 0; i < pad; i++) f.WriteByte((byte)' ');
            foreach (var blob in blobs) f.Write(blob);
            f.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        using var f = File.OpenRead(path);
        var lengthBytes = new byte[8];
        if (f.Read(lengthBytes, 0, 8) != 8) throw new InvalidDataException($"{path} is too short to be safetensors");
        ulong headerLength = BitConverter.ToUInt64(lengthBytes);
        if (headerLength > 100_000_000 || (long)headerLength > f.Length - 8) throw new InvalidDataException($"{path} has an impossible header length");
        var headerBytes = new byte[headerLength];
        f.ReadExactly(headerBytes);
        var header = StrictJson.Parse(headerBytes)?.AsObject() ?? throw new InvalidDataException($"{path} has an empty header");
        long dataStart = 8 + (long)headerLength, dataLength = f.Length - dataStart;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v!.GetValue<string>();
                continue;
            }
            var entry = node!.AsObject();
            if (entry["dtype"]!.GetValue<string>() != "F32") throw new NotSupportedException($"{name}: only F32 tensors are read");
            long[] shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            long begin = entry["data_offsets"]![0]!.GetValue<long>(), end = entry["data_offsets"]![1]!.GetValue<long>();
            long expected = shape.Aggregate(1L, (a, d) => a * d) * 4;
            if (begin < 0 || end > dataLength || end - begin != expected)
                throw new InvalidDataException($"{path}: tensor {name} has offsets that do not fit the file");
            var bytes = new byte[end - begin];
            f.Position = dataStart + begin;
            f.ReadExactly(bytes);
            var floats = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
            tensors[name] = torch.tensor(floats, shape);
        }
        return (tensors, metadata);
    }
}
