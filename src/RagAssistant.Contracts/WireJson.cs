using System.Text.Encodings.Web;
using System.Text.Json;

namespace RagAssistant.Contracts;

/// <summary>
/// The one JSON policy of the RagAssistant wire format: snake_case field names, as the REST API, the server-sent
/// events, the chat hub, the MCP tools and the CLI's <c>--json</c> all use. Every contract type also names its fields
/// explicitly, so any serializer (Semantic Kernel's, SignalR's, MCP's) writes the same names.
/// </summary>
public static class WireJson
{
    /// <summary>Options for reading and writing RagAssistant JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One answer event as one JSON object, written through the base type so its <c>"type"</c> always comes first.</summary>
    public static string Serialize(AnswerEvent answerEvent) => JsonSerializer.Serialize(answerEvent, Options);

    /// <summary>Reads one answer event; an unknown <c>"type"</c> reads as a plain <see cref="AnswerEvent"/>.</summary>
    public static AnswerEvent? DeserializeEvent(string json) => JsonSerializer.Deserialize<AnswerEvent>(json, Options);
}
