using System.Text.Json.Serialization;
using RagAssistant.Client.Models;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Chat;

/// <summary>What a hub client may choose per question.</summary>
/// <param name="Kind">Forces an answer or a literature summary; null lets the server decide from the wording.</param>
/// <param name="From">Only papers dated on or after this day.</param>
/// <param name="To">Only papers dated on or before this day.</param>
public sealed record ChatAskOptions(
    [property: JsonPropertyName("kind")] AnswerKind? Kind = null,
    [property: JsonPropertyName("from")] DateOnly? From = null,
    [property: JsonPropertyName("to")] DateOnly? To = null);
