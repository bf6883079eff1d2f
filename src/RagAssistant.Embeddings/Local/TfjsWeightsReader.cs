using System.Buffers.Binary;
using System.Text.Json;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Reads the float32 weights of a TensorFlow.js graph model: model.json's weightsManifest lists tensors in the order
/// their bytes follow each other across the group's shard files.
/// </summary>
internal static class TfjsWeightsReader
{
    public static IReadOnlyDictionary<string, TfjsTensor> Read(string modelJsonPath)
    {
        var folder = Path.GetDirectoryName(modelJsonPath)!;
        using var document = ParseJson(modelJsonPath);
        if (!document.RootElement.TryGetProperty("weightsManifest", out var manifest))
        {
            throw new EmbeddingModelUnavailableException(modelJsonPath, "model.json has no weightsManifest");
        }

        var tensors = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var bytes = ReadShards(folder, group.GetProperty("paths"));
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString()!;
                var dtype = weight.GetProperty("dtype").GetString();
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (product, dimension) => product * dimension);
                if (weight.TryGetProperty("quantization", out _))
                {
                    throw new EmbeddingModelUnavailableException(modelJsonPath, $"weight {name} is quantized, which this reader does not expect");
                }

                if (offset + (count * 4) > bytes.Length)
                {
                    throw new EmbeddingModelUnavailableException(folder, $"the weight shards end inside weight {name}; a shard is truncated");
                }

                var values = new float[count];
                var span = bytes.AsSpan(offset, count * 4);
                for (var i = 0; i < count; i++)
                {
                    var raw = span.Slice(i * 4, 4);
                    values[i] = dtype switch
                    {
                        "float32" => BinaryPrimitives.ReadSingleLittleEndian(raw),
                        // Integer constants (head counts, sizes) are small, so float32 holds them exactly.
                        "int32" => BinaryPrimitives.ReadInt32LittleEndian(raw),
                        _ => throw new EmbeddingModelUnavailableException(modelJsonPath, $"weight {name} has unsupported dtype {dtype}"),
                    };
                }

                tensors[name] = new TfjsTensor(name, shape, values);
                offset += count * 4;
            }

            if (offset != bytes.Length)
            {
                throw new EmbeddingModelUnavailableException(folder, $"the weight shards hold {bytes.Length} bytes but model.json describes {offset}");
            }
        }

        return tensors;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new EmbeddingModelUnavailableException(path, $"model.json cannot be read ({e.Message})", e);
        }
    }

    private static byte[] ReadShards(string folder, JsonElement paths)
    {
        using var all = new MemoryStream();
        foreach (var relative in paths.EnumerateArray())
        {
            var shardPath = Path.Combine(folder, relative.GetString()!);
            if (!File.Exists(shardPath))
            {
                throw new EmbeddingModelUnavailableException(shardPath, "a weight shard is missing");
            }

            using var shard = File.OpenRead(shardPath);
            shard.CopyTo(all);
        }

        return all.ToArray();
    }
}
