using System.Text.Json.Serialization;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Models;

/// <summary>A question for <see cref="RagAssistantClient.AskAsync"/> or <see cref="RagAssistantClient.StreamAnswerAsync"/>.</summary>
/// <param name="Question">What to ask, in plain words.</param>
/// <param name="Kind">Forces an answer or a summary; null lets the server decide from the wording.</param>
/// <param name="From">Only papers dated on or after this day.</param>
/// <param name="To">Only papers dated on or before this day.</param>
public sealed record AskRequest(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AnswerKind? Kind = null,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? From = null,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? To = null);
