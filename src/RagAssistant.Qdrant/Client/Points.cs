using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RagAssistant.Qdrant.Client;

/// <summary>A point to write: its id, its named vectors (any subset of the collection's) and its payload.</summary>
public sealed record PointStruct(Guid Id, IReadOnlyDictionary<string, VectorData> Vector, JsonObject Payload);

/// <summary>A point as scroll returns it.</summary>
public sealed record RetrievedPoint(Guid Id, JsonObject? Payload, IReadOnlyDictionary<string, VectorData>? Vector);

/// <summary>A point as the Query API returns it.</summary>
public sealed record ScoredPoint(Guid Id, double Score, JsonObject? Payload);

/// <summary>One group of a grouped query: the shared payload value and its best points.</summary>
public sealed record PointGroup(JsonNode Id, IReadOnlyList<ScoredPoint> Hits);

/// <summary>A page of scroll results; <see cref="NextPageOffset"/> is null on the last page.</summary>
public sealed record ScrollPage(IReadOnlyList<RetrievedPoint> Points, Guid? NextPageOffset);

/// <summary>Which points to page through and what to bring back.</summary>
public sealed record ScrollRequest(Filter? Filter, int Limit, Guid? Offset = null, PayloadSelector? WithPayload = null, bool WithVector = false);

/// <summary>All of the payload, none of it, or only the named fields.</summary>
[JsonConverter(typeof(PayloadSelectorConverter))]
public sealed record PayloadSelector
{
    private PayloadSelector(object value) => Value = value;

    public object Value { get; }

    public static readonly PayloadSelector All = new(true);

    public static readonly PayloadSelector None = new(false);

    public static PayloadSelector Fields(params string[] fields) => new(fields);
}

internal sealed class PayloadSelectorConverter : JsonConverter<PayloadSelector>
{
    public override PayloadSelector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Payload selectors are only sent.");

    public override void Write(Utf8JsonWriter writer, PayloadSelector value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Value, value.Value.GetType(), options);
}
