using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagAssistant.Qdrant.Client;

/// <summary>Qdrant's wire format: snake_case names, absent rather than null optional fields.</summary>
internal static class QdrantJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Every Qdrant answer wraps its result in the same envelope.</summary>
internal sealed record QdrantResponse<T>(T Result);

/// <summary>The envelope of a failed request: <c>{"status":{"error":"..."}}</c>.</summary>
internal sealed record QdrantErrorResponse(QdrantErrorStatus? Status);

internal sealed record QdrantErrorStatus(string? Error);
