using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// A question: the body of <c>POST /api/ask</c> and <c>POST /api/ask/stream</c>, and what the server reads the hub's
/// and the MCP tools' arguments into, so every surface refuses the same input in the same words.
/// </summary>
/// <param name="Question">What to ask, in plain words.</param>
/// <param name="Kind">Forces an answer or a literature summary by theme; null lets the server decide from the wording.</param>
/// <param name="From">Only papers dated on or after this day.</param>
/// <param name="To">Only papers dated on or before this day.</param>
/// <param name="ConversationId">
/// Asks within the caller's conversation of this id (1 to 64 letters, digits, '-' or '_'; a new id starts one), so a
/// follow-up is read against what was asked before and the answer is kept; null asks a question on its own.
/// </param>
public sealed record AskRequest(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AnswerKind? Kind = null,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? From = null,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? To = null,
    [property: JsonPropertyName("conversation_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId = null);

/// <summary>What a client of the chat hub (<c>/hubs/chat</c>, method <c>Ask</c>) may choose per question.</summary>
/// <param name="Kind">Forces an answer or a literature summary; null lets the server decide from the wording.</param>
/// <param name="From">Only papers dated on or after this day.</param>
/// <param name="To">Only papers dated on or before this day.</param>
public sealed record ChatAskOptions(
    [property: JsonPropertyName("kind")] AnswerKind? Kind = null,
    [property: JsonPropertyName("from")] DateOnly? From = null,
    [property: JsonPropertyName("to")] DateOnly? To = null);
