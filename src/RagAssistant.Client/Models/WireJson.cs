using System.Text.Encodings.Web;
using System.Text.Json;

namespace RagAssistant.Client.Models;

/// <summary>
/// The JSON of the RagAssistant wire format: snake_case field names, as the REST API, the server-sent events, the
/// chat hub and the MCP tools all use. Every model also names its fields explicitly, so any serializer (Semantic
/// Kernel's, SignalR's) writes the same names.
/// </summary>
public static class WireJson
{
    /// <summary>Options for reading and writing RagAssistant JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
