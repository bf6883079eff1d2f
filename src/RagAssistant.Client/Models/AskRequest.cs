using System.Text.Json.Serialization;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Models;

/// <summary>A question for <see cref="RagAssistantClient.AskAsync"/> or <see cref="RagAssistantClient.StreamAnswerAsync"/>.</summary>
/// <param name="Question">What to ask, in plain words.</param>
/// <param name="Kind">Forces an answer or a summary; null lets the server decide from the wording.</param>
/// <param name="From">Only papers dated on or after this day.</param>
/// <param name="To">Only papers dated on or before this day.</param>
/// <param name="ConversationId">
/// Asks within your conversation of this id (1 to 64 letters, digits, '-' or '_'; a new id starts one), so a follow-up
/// is understood in context and the answer is kept; null asks a question on its own.
/// </param>
public sealed record AskRequest(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AnswerKind? Kind = null,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? From = null,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? To = null,
    [property: JsonPropertyName("conversation_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId = null);
