using System.Text.Json;
using System.Text.Json.Serialization;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Qdrant.Client;

/// <summary>One vector as Qdrant spells it: a dense array, or a sparse <c>{"indices","values"}</c> object.</summary>
[JsonConverter(typeof(VectorDataConverter))]
public sealed class VectorData
{
    private VectorData(ReadOnlyMemory<float>? dense, SparseVector? sparse)
    {
        Dense = dense;
        Sparse = sparse;
    }

    public ReadOnlyMemory<float>? Dense { get; }

    public SparseVector? Sparse { get; }

    public static VectorData FromDense(ReadOnlyMemory<float> vector) => new(vector, null);

    public static VectorData FromSparse(SparseVector vector) => new(null, vector);
}

internal sealed class VectorDataConverter : JsonConverter<VectorData>
{
    public override VectorData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return VectorData.FromDense(JsonSerializer.Deserialize<float[]>(ref reader, options)!);
        }
        var sparse = JsonSerializer.Deserialize<SparseWire>(ref reader, options)
            ?? throw new JsonException("Expected a dense array or a sparse vector object.");
        return VectorData.FromSparse(new SparseVector(sparse.Indices, sparse.Values));
    }

    public override void Write(Utf8JsonWriter writer, VectorData value, JsonSerializerOptions options)
    {
        if (value.Dense is { } dense)
        {
            WriteArray(writer, dense.Span);
            return;
        }
        var sparse = value.Sparse!;
        writer.WriteStartObject();
        writer.WritePropertyName("indices");
        writer.WriteStartArray();
        foreach (var index in sparse.Indices) writer.WriteNumberValue(index);
        writer.WriteEndArray();
        writer.WritePropertyName("values");
        WriteArray(writer, sparse.Values);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<float> values)
    {
        writer.WriteStartArray();
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    private sealed record SparseWire(uint[] Indices, float[] Values);
}
