using System.Text.Encodings.Web;
using System.Text.Json;

namespace RagAssistant.Core.Orchestration.Events;

/// <summary>
/// The wire format of <see cref="AnswerEvent"/>s: snake_case like the rest of the CLI and REST contracts,
/// one JSON object per event with its <c>"type"</c> first, e.g.
/// <c>{"type":"citation","n":1,"paper_id":"…","sentence":"…","verified":true,"reason":"…"}</c>.
/// </summary>
public static class AnswerEventJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises through the base type, so the discriminator is always written.</summary>
    public static string Serialize(AnswerEvent answerEvent) => JsonSerializer.Serialize(answerEvent, Options);

    public static AnswerEvent? Deserialize(string json) => JsonSerializer.Deserialize<AnswerEvent>(json, Options);
}
